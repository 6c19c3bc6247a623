package storetest

import (
	"bytes"
	"io"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

func (s suite) attachmentTests() []test {
	return []test{
		{"RoundTrip", s.attachmentRoundTrip},
		{"ListAndDelete", s.attachmentListDelete},
	}
}

func attachment(id, challengeID string, minutes int) *models.Attachment {
	return &models.Attachment{ID: id, ChallengeID: challengeID, Name: "Bản đồ nút giao.pdf", ContentType: "application/pdf",
		Size: 1234, SHA256: "ab12", UploadedBy: "ac-1", CreatedAt: at(time.Duration(minutes) * time.Minute)}
}

func (s suite) attachmentRoundTrip(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	a := attachment("at-1", "ch-1", 1)
	must(t, "CreateAttachment", st.CreateAttachment(ctx, a))
	got, err := st.Attachment(ctx, "at-1")
	must(t, "Attachment", err)
	assertSame(t, "Attachment", a, got)
	assertCode(t, "CreateAttachment with a taken id", st.CreateAttachment(ctx, attachment("at-1", "ch-2", 2)), models.CodeConflict)
	_, err = st.Attachment(ctx, "at-none")
	assertCode(t, "Attachment of a missing id", err, models.CodeNotFound)
}

func (s suite) attachmentListDelete(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	for _, a := range []*models.Attachment{attachment("at-3", "ch-1", 2), attachment("at-2", "ch-1", 1),
		attachment("at-1", "ch-1", 2), attachment("at-4", "ch-2", 0)} {
		must(t, "CreateAttachment "+a.ID, st.CreateAttachment(ctx, a))
	}
	list := func() []string {
		as, err := st.ListAttachments(ctx, "ch-1")
		must(t, "ListAttachments", err)
		var ids []string
		for _, a := range as {
			ids = append(ids, a.ID)
		}
		return ids
	}
	if got, want := list(), []string{"at-2", "at-1", "at-3"}; !equalStrings(got, want) {
		t.Errorf("ListAttachments: %v, want %v (oldest first, then by id)", got, want)
	}
	must(t, "DeleteAttachment", st.DeleteAttachment(ctx, "at-1"))
	if got, want := list(), []string{"at-2", "at-3"}; !equalStrings(got, want) {
		t.Errorf("ListAttachments after a delete: %v, want %v", got, want)
	}
	assertCode(t, "DeleteAttachment of a missing id", st.DeleteAttachment(ctx, "at-1"), models.CodeNotFound)
}

// RunBlobs is the conformance suite of the blob stores (files in the data dir, GridFS). open must return a
// fresh, empty blob store.
func RunBlobs(t *testing.T, open func(t *testing.T) models.BlobStore) {
	t.Run("PutOpenDelete", func(t *testing.T) {
		b, ctx := open(t), t.Context()
		data := bytes.Repeat([]byte("%PDF-1.7 innonet "), 40000) // several GridFS chunks
		must(t, "PutBlob", b.PutBlob(ctx, "at-1", data))
		r, err := b.OpenBlob(ctx, "at-1")
		must(t, "OpenBlob", err)
		got, err := io.ReadAll(r)
		must(t, "read the blob", err)
		must(t, "close the blob", r.Close())
		if !bytes.Equal(got, data) {
			t.Errorf("OpenBlob read %d bytes, want the %d written", len(got), len(data))
		}
		assertCode(t, "PutBlob with a taken key", b.PutBlob(ctx, "at-1", []byte("other")), models.CodeConflict)
		must(t, "DeleteBlob", b.DeleteBlob(ctx, "at-1"))
		_, err = b.OpenBlob(ctx, "at-1")
		assertCode(t, "OpenBlob after DeleteBlob", err, models.CodeNotFound)
		must(t, "DeleteBlob of a missing key", b.DeleteBlob(ctx, "at-1"))
	})
	t.Run("Empty", func(t *testing.T) {
		b, ctx := open(t), t.Context()
		must(t, "PutBlob empty", b.PutBlob(ctx, "at-0", nil))
		r, err := b.OpenBlob(ctx, "at-0")
		must(t, "OpenBlob", err)
		got, _ := io.ReadAll(r)
		r.Close()
		if len(got) != 0 {
			t.Errorf("an empty blob read back %d bytes", len(got))
		}
	})
}
