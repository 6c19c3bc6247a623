package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"

	"github.com/hanoi-innovation/innonet/api"
	"github.com/hanoi-innovation/innonet/models"
)

// uploadPath matches the upload route of attachments, whose body limit is the attachment limit.
var uploadPath = regexp.MustCompile(`^/api/v1/challenges/[^/]+/attachments$`)

func attachmentOut(a *models.Attachment) api.Attachment {
	return api.Attachment{Id: a.ID, ChallengeId: a.ChallengeID, Name: a.Name, ContentType: api.AttachmentContentType(a.ContentType),
		Size: a.Size, Sha256: optString(a.SHA256), CreatedAt: a.CreatedAt,
		Url: "/api/v1/challenges/" + url.PathEscape(a.ChallengeID) + "/attachments/" + url.PathEscape(a.ID)}
}

func (h handlers) ListAttachments(ctx context.Context, req api.ListAttachmentsRequestObject) (api.ListAttachmentsResponseObject, error) {
	as, err := h.app.Attachments(ctx, principalFrom(ctx), req.Id)
	if err != nil {
		return nil, err
	}
	items := make([]api.Attachment, len(as))
	for i, a := range as {
		items[i] = attachmentOut(a)
	}
	return api.ListAttachments200JSONResponse{Items: items, MaxSize: h.cfg.AttachmentLimit}, nil
}

func (h handlers) UploadAttachment(ctx context.Context, req api.UploadAttachmentRequestObject) (api.UploadAttachmentResponseObject, error) {
	name, data, err := h.readAttachment(req.Body)
	if err != nil {
		return nil, err
	}
	a, err := h.app.AddAttachment(ctx, principalFrom(ctx), req.Id, name, data)
	if err != nil {
		return nil, err
	}
	return api.UploadAttachment201JSONResponse(attachmentOut(a)), nil
}

// readAttachment reads the file part of an upload form, refusing more than the attachment limit.
func (h handlers) readAttachment(r *multipart.Reader) (name string, data []byte, err error) {
	limit := h.cfg.AttachmentLimit
	for {
		part, err := r.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return "", nil, tooLarge(limit)
		}
		if err != nil {
			return "", nil, models.Invalid(models.FieldError{Pointer: "/", Detail: "the form cannot be read"})
		}
		if part.FormName() != "file" || data != nil {
			continue
		}
		name = part.FileName()
		data, err = io.ReadAll(io.LimitReader(part, limit+1))
		if errors.As(err, &mbe) || int64(len(data)) > limit {
			return "", nil, tooLarge(limit)
		}
		if err != nil {
			return "", nil, models.Invalid(models.FieldError{Pointer: "/file", Detail: "cannot be read"})
		}
		if data == nil {
			data = []byte{}
		}
	}
	if data == nil {
		return "", nil, models.Invalid(models.FieldError{Pointer: "/file", Detail: "is required"})
	}
	return name, data, nil
}

func tooLarge(limit int64) error {
	return &models.Error{Code: models.CodeTooLarge, Message: fmt.Sprintf("an attachment may have at most %d MiB", limit>>20),
		Fields: []models.FieldError{{Pointer: "/file", Detail: "is too large"}}}
}

// download streams an attachment with headers that keep a browser from running or guessing it: its sniffed
// type, nosniff, a sandbox, and a download disposition with the name encoded per RFC 6266.
type download struct {
	a    *models.Attachment
	body io.ReadCloser
}

func (d download) VisitDownloadAttachmentResponse(w http.ResponseWriter) error {
	defer d.body.Close()
	h := w.Header()
	h.Set("Content-Type", d.a.ContentType)
	h.Set("Content-Length", strconv.FormatInt(d.a.Size, 10))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": d.a.Name}))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "private, max-age=300")
	w.WriteHeader(http.StatusOK)
	_, err := io.Copy(w, d.body)
	return err
}

func (h handlers) DownloadAttachment(ctx context.Context, req api.DownloadAttachmentRequestObject) (api.DownloadAttachmentResponseObject, error) {
	a, body, err := h.app.OpenAttachment(ctx, principalFrom(ctx), req.Id, req.AttachmentId)
	if err != nil {
		return nil, err
	}
	return download{a: a, body: body}, nil
}

func (h handlers) DeleteAttachment(ctx context.Context, req api.DeleteAttachmentRequestObject) (api.DeleteAttachmentResponseObject, error) {
	if err := h.app.DeleteAttachment(ctx, principalFrom(ctx), req.Id, req.AttachmentId); err != nil {
		return nil, err
	}
	return api.DeleteAttachment204Response{}, nil
}
