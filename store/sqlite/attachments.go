package sqlite

import (
	"context"
	"database/sql"

	"github.com/hanoi-innovation/innonet/models"
)

const attachmentColumns = "id, challenge_id, name, content_type, size, sha256, uploaded_by, created_at"

type attachmentRow struct {
	a       models.Attachment
	created int64
}

func (r *attachmentRow) dest() []any {
	return []any{&r.a.ID, &r.a.ChallengeID, &r.a.Name, &r.a.ContentType, &r.a.Size, &r.a.SHA256, &r.a.UploadedBy, &r.created}
}

func (r *attachmentRow) model() *models.Attachment {
	a := r.a
	a.CreatedAt = fromMS(r.created)
	return &a
}

// CreateAttachment stores new attachment metadata; a taken id is a conflict.
func (s *Store) CreateAttachment(ctx context.Context, a *models.Attachment) (err error) {
	defer models.Wrap(&err, "sqlite.CreateAttachment(%q)", a.ID)
	return s.write(ctx, func(t *txn) error {
		_, err := t.exec("INSERT INTO attachments ("+attachmentColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			a.ID, a.ChallengeID, a.Name, a.ContentType, a.Size, a.SHA256, a.UploadedBy, ms(a.CreatedAt))
		if models.ErrorCode(err) == models.CodeConflict {
			return conflict("/id", "an attachment with this id already exists")
		}
		return err
	})
}

// Attachment returns the metadata of an attachment.
func (s *Store) Attachment(ctx context.Context, id string) (_ *models.Attachment, err error) {
	defer models.Wrap(&err, "sqlite.Attachment(%q)", id)
	var r attachmentRow
	err = s.read(ctx, func(t *txn) error {
		return t.row("SELECT "+attachmentColumns+" FROM attachments WHERE id = ?", []any{id}, r.dest()...)
	})
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil, notFound("attachment")
	}
	if err != nil {
		return nil, err
	}
	return r.model(), nil
}

// ListAttachments returns the attachments of a challenge, oldest first.
func (s *Store) ListAttachments(ctx context.Context, challengeID string) (out []*models.Attachment, err error) {
	defer models.Wrap(&err, "sqlite.ListAttachments(%q)", challengeID)
	err = s.read(ctx, func(t *txn) error {
		return t.each("SELECT "+attachmentColumns+" FROM attachments WHERE challenge_id = ? ORDER BY created_at, id",
			[]any{challengeID}, func(rows *sql.Rows) error {
				var r attachmentRow
				if err := rows.Scan(r.dest()...); err != nil {
					return err
				}
				out = append(out, r.model())
				return nil
			})
	})
	return out, err
}

// DeleteAttachment removes the metadata of an attachment.
func (s *Store) DeleteAttachment(ctx context.Context, id string) (err error) {
	defer models.Wrap(&err, "sqlite.DeleteAttachment(%q)", id)
	return s.write(ctx, func(t *txn) error {
		n, err := t.exec("DELETE FROM attachments WHERE id = ?", id)
		if err == nil && n == 0 {
			return notFound("attachment")
		}
		return err
	})
}
