package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"

	"github.com/hanoi-innovation/innonet/api"
	"github.com/hanoi-innovation/innonet/app"
	"github.com/hanoi-innovation/innonet/models"
	"github.com/hanoi-innovation/innonet/records"
)

const (
	importPath = "/api/v1/admin/import"
	// importLimit caps an uploaded import file.
	importLimit = 50 << 20
)

func (h handlers) ImportRecords(ctx context.Context, req api.ImportRecordsRequestObject) (api.ImportRecordsResponseObject, error) {
	p := principalFrom(ctx)
	im, err := h.app.NewImport(p)
	if err != nil {
		return nil, err
	}
	kind, name, data, err := readUpload(req.Body)
	if err != nil {
		return nil, err
	}
	im.Kind, im.File = kind, name
	if err := records.Import(ctx, im, kind, name, data); err != nil {
		return nil, err
	}
	report, err := im.Finish(ctx)
	if err != nil {
		return nil, err
	}
	h.logger.InfoContext(ctx, "import", "by", p.AccountID, "type", kind, "file", name, "rows", report.Rows, "imported", report.Imported, "errors", len(report.Errors))
	return api.ImportRecords200JSONResponse(importReportOut(report)), nil
}

// readUpload reads the parts of an import form: its type and its file, in either order.
func readUpload(r *multipart.Reader) (kind, name string, data []byte, err error) {
	for {
		part, err := r.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", "", nil, models.Invalid(models.FieldError{Pointer: "/", Detail: "the form cannot be read"})
		}
		switch part.FormName() {
		case "type":
			b, _ := io.ReadAll(io.LimitReader(part, 32))
			kind = string(b)
		case "file":
			name = part.FileName()
			data, err = io.ReadAll(io.LimitReader(part, importLimit+1))
			if err != nil {
				return "", "", nil, err
			}
			if len(data) > importLimit {
				return "", "", nil, models.Errorf(models.CodeTooLarge, "an import file may have at most %d MiB", importLimit>>20)
			}
		}
	}
	if kind != "members" && kind != "challenges" {
		return "", "", nil, models.Invalid(models.FieldError{Pointer: "/type", Detail: "must be members or challenges"})
	}
	if data == nil {
		return "", "", nil, models.Invalid(models.FieldError{Pointer: "/file", Detail: "is required"})
	}
	return kind, name, data, nil
}

func importReportOut(r *app.ImportReport) api.ImportReport {
	errs := make([]api.RowError, len(r.Errors))
	for i, e := range r.Errors {
		errs[i] = api.RowError{Row: e.Row, Field: optString(e.Field), Message: e.Message}
	}
	return api.ImportReport{Rows: r.Rows, Imported: r.Imported, Errors: errs}
}

func (h handlers) ExportRecords(ctx context.Context, req api.ExportRecordsRequestObject) (api.ExportRecordsResponseObject, error) {
	p := principalFrom(ctx)
	if !p.IsAdmin() {
		if !p.SignedIn() {
			return nil, models.Errorf(models.CodeUnauthorized, "sign in first")
		}
		return nil, models.Errorf(models.CodeForbidden, "admins only")
	}
	format := records.JSONL
	if req.Params.Format != nil {
		format = records.Format(*req.Params.Format)
	}
	var buf bytes.Buffer
	scan := func(member func(*models.Member) error, challenge func(*models.Challenge) error) error {
		return h.app.ExportAll(ctx, p, member, challenge)
	}
	if err := records.Export(&buf, string(req.Params.Type), format, scan); err != nil {
		return nil, err
	}
	disposition := fmt.Sprintf(`attachment; filename="innonet-%s.%s"`, req.Params.Type, format)
	return api.ExportRecords200ApplicationoctetStreamResponse{Body: &buf, ContentLength: int64(buf.Len()),
		Headers: api.ExportRecords200ResponseHeaders{ContentDisposition: &disposition}}, nil
}
