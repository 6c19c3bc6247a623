package server

import (
	"bytes"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/labstack/echo/v5"

	"github.com/hanoi-innovation/innonet/models"
)

// placeholderPage is served when the web app has not been built into the binary.
const placeholderPage = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>innonet · Mạng lưới đổi mới sáng tạo Hà Nội</title></head>
<body><main>
<h1>innonet</h1>
<p lang="vi">Mạng lưới đổi mới sáng tạo Hà Nội. API đang chạy tại <a href="/api/v1/openapi.yaml">/api/v1</a>; giao diện web chưa được dựng (chạy <code>make web</code>).</p>
<p lang="en">Hanoi Innovation Network. The API is up at <a href="/api/v1/openapi.yaml">/api/v1</a>; the web app has not been built into this binary (run <code>make web</code>).</p>
</main></body></html>
`

// serveWeb serves the files of the web app, and its index.html for any other path so that the app's own
// router can answer (an SPA fallback).
func (s *Server) serveWeb(c *echo.Context) error {
	p := strings.TrimPrefix(path.Clean("/"+c.Param("*")), "/")
	if strings.HasPrefix(p, "api/") {
		return models.Errorf(models.CodeNotFound, "no such API route")
	}
	if s.web != nil && p != "" && p != "index.html" {
		if data, err := fs.ReadFile(s.web, p); err == nil {
			if strings.HasPrefix(p, "assets/") {
				c.Response().Header().Set("Cache-Control", "public, max-age=31536000, immutable")
			}
			http.ServeContent(c.Response(), c.Request(), p, time.Time{}, bytes.NewReader(data))
			return nil
		}
	}
	c.Response().Header().Set("Cache-Control", "no-cache")
	if s.web != nil {
		if index, err := fs.ReadFile(s.web, "index.html"); err == nil {
			if pv, ok := s.previewFor(c.Request().Context(), p); ok {
				index = s.withPreview(index, pv)
			}
			return c.HTMLBlob(http.StatusOK, index)
		}
	}
	return c.HTML(http.StatusOK, placeholderPage)
}
