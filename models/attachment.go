package models

import (
	"context"
	"io"
	"net/http"
	"path"
	"strings"
	"time"
	"unicode"
)

// AttachmentTypes are the content types a challenge attachment may have, found by sniffing its content.
var AttachmentTypes = map[string]string{
	"application/pdf": ".pdf",
	"image/png":       ".png",
	"image/jpeg":      ".jpg",
	"image/webp":      ".webp",
}

// MaxAttachments caps the attachments of one challenge.
const MaxAttachments = 20

// Attachment describes a file attached to a challenge; the bytes are in a BlobStore under ID.
type Attachment struct {
	ID          string    `json:"id"`
	ChallengeID string    `json:"challenge_id"`
	Name        string    `json:"name"`         // the file name as uploaded, tidied
	ContentType string    `json:"content_type"` // sniffed, one of AttachmentTypes
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"` // hex
	UploadedBy  string    `json:"uploaded_by"`
	CreatedAt   time.Time `json:"created_at"`
}

// AttachmentStore persists the attachments' metadata.
type AttachmentStore interface {
	// CreateAttachment stores new metadata; a taken id is a CodeConflict error.
	CreateAttachment(ctx context.Context, a *Attachment) error
	Attachment(ctx context.Context, id string) (*Attachment, error)
	// ListAttachments returns the attachments of a challenge, oldest first (CreatedAt, then id).
	ListAttachments(ctx context.Context, challengeID string) ([]*Attachment, error)
	// DeleteAttachment removes the metadata; an unknown id is a CodeNotFound error.
	DeleteAttachment(ctx context.Context, id string) error
}

// BlobStore keeps the bytes of attachments by key: files in the data dir, or GridFS.
type BlobStore interface {
	// PutBlob stores the bytes under key, replacing nothing: a taken key is a CodeConflict error.
	PutBlob(ctx context.Context, key string, data []byte) error
	// OpenBlob reads the bytes of key; an unknown key is a CodeNotFound error.
	OpenBlob(ctx context.Context, key string) (io.ReadCloser, error)
	// DeleteBlob removes key; an unknown key is not an error.
	DeleteBlob(ctx context.Context, key string) error
}

// SniffAttachment returns the content type of data by its content (never its name), and whether it is one
// of AttachmentTypes.
func SniffAttachment(data []byte) (string, bool) {
	ct, _, _ := strings.Cut(http.DetectContentType(data), ";")
	_, ok := AttachmentTypes[ct]
	return ct, ok
}

// AttachmentName tidies an uploaded file name: no directories, no control characters, at most 150
// characters, and the extension of the sniffed content type.
func AttachmentName(name, contentType string) string {
	name = NormalizeText(path.Base(strings.ReplaceAll(name, `\`, "/")))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '"' || r == '/' {
			return -1
		}
		return r
	}, name)
	want := AttachmentTypes[contentType]
	ext := strings.ToLower(path.Ext(name))
	base := strings.TrimSuffix(name, path.Ext(name))
	if ext == ".jpeg" && want == ".jpg" {
		want = ext
	}
	if r := []rune(base); len(r) > 150 {
		base = string(r[:150])
	}
	if strings.Trim(base, ". ") == "" {
		base = "attachment"
	}
	return base + want
}
