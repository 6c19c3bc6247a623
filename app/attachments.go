package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"

	"github.com/hanoi-innovation/innonet/models"
)

// DefaultAttachmentLimit is the largest attachment when Config.AttachmentLimit is not set: 10 MiB.
const DefaultAttachmentLimit = 10 << 20

// AttachmentLimit is the largest attachment accepted, in bytes.
func (s *Service) AttachmentLimit() int64 { return s.cfg.AttachmentLimit }

// AddAttachment stores a file on a draft or open challenge for its agency. The type is found by sniffing the
// content: PDF, PNG, JPEG or WebP.
func (s *Service) AddAttachment(ctx context.Context, p *models.Principal, challengeID, name string, data []byte) (*models.Attachment, error) {
	c, err := s.editableChallenge(ctx, p, challengeID)
	if err != nil {
		return nil, err
	}
	if s.Blobs == nil {
		return nil, models.Errorf(models.CodeUnavailable, "attachments are not available")
	}
	if c.Status != models.ChallengeDraft && c.Status != models.ChallengeOpen {
		return nil, models.Errorf(models.CodeConflict, "a %s challenge takes no more attachments", c.Status)
	}
	if int64(len(data)) > s.cfg.AttachmentLimit {
		return nil, models.Errorf(models.CodeTooLarge, "an attachment may have at most %d MiB", s.cfg.AttachmentLimit>>20)
	}
	if len(data) == 0 {
		return nil, models.Invalid(models.FieldError{Pointer: "/file", Detail: "is empty"})
	}
	ct, ok := models.SniffAttachment(data)
	if !ok {
		return nil, models.Invalid(models.FieldError{Pointer: "/file", Detail: "must be a PDF, PNG, JPEG or WebP file"})
	}
	have, err := s.Store.ListAttachments(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	if len(have) >= models.MaxAttachments {
		return nil, models.Errorf(models.CodeConflict, "a challenge has at most %d attachments", models.MaxAttachments)
	}
	sum := sha256.Sum256(data)
	a := &models.Attachment{ID: models.NewID("at"), ChallengeID: c.ID, Name: models.AttachmentName(name, ct), ContentType: ct,
		Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), UploadedBy: p.AccountID, CreatedAt: s.now()}
	if err := s.Blobs.PutBlob(ctx, a.ID, data); err != nil {
		return nil, err
	}
	if err := s.Store.CreateAttachment(ctx, a); err != nil {
		if derr := s.Blobs.DeleteBlob(context.WithoutCancel(ctx), a.ID); derr != nil {
			s.Logger.WarnContext(ctx, "removing the bytes of an attachment not recorded", "attachment", a.ID, "err", derr)
		}
		return nil, err
	}
	return a, nil
}

// Attachments lists the attachments of a challenge that p may see.
func (s *Service) Attachments(ctx context.Context, p *models.Principal, challengeID string) ([]*models.Attachment, error) {
	c, err := s.Challenge(ctx, p, challengeID)
	if err != nil {
		return nil, err
	}
	return s.Store.ListAttachments(ctx, c.ID)
}

// attachmentOf loads an attachment of a challenge p may see.
func (s *Service) attachmentOf(ctx context.Context, p *models.Principal, challengeID, id string) (*models.Attachment, error) {
	c, err := s.Challenge(ctx, p, challengeID)
	if err != nil {
		return nil, err
	}
	a, err := s.Store.Attachment(ctx, id)
	if err != nil {
		return nil, err
	}
	if a.ChallengeID != c.ID {
		return nil, models.Errorf(models.CodeNotFound, "no attachment %q on this challenge", id)
	}
	return a, nil
}

// OpenAttachment returns an attachment of a challenge p may see, with its bytes; the caller closes them.
func (s *Service) OpenAttachment(ctx context.Context, p *models.Principal, challengeID, id string) (*models.Attachment, io.ReadCloser, error) {
	a, err := s.attachmentOf(ctx, p, challengeID, id)
	if err != nil {
		return nil, nil, err
	}
	if s.Blobs == nil {
		return nil, nil, models.Errorf(models.CodeUnavailable, "attachments are not available")
	}
	r, err := s.Blobs.OpenBlob(ctx, a.ID)
	if err != nil {
		return nil, nil, err
	}
	return a, r, nil
}

// DeleteAttachment removes an attachment for the challenge's agency or an admin.
func (s *Service) DeleteAttachment(ctx context.Context, p *models.Principal, challengeID, id string) error {
	if _, err := s.editableChallenge(ctx, p, challengeID); err != nil {
		return err
	}
	a, err := s.attachmentOf(ctx, p, challengeID, id)
	if err != nil {
		return err
	}
	if err := s.Store.DeleteAttachment(ctx, a.ID); err != nil {
		return err
	}
	if s.Blobs != nil {
		if err := s.Blobs.DeleteBlob(ctx, a.ID); err != nil {
			s.Logger.WarnContext(ctx, "removing the bytes of a deleted attachment", "attachment", a.ID, "err", err)
		}
	}
	return nil
}
