package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/labstack/echo/v5"

	"github.com/hanoi-innovation/innonet/models"
)

type ctxKey int

const (
	principalKey ctxKey = iota
	clientIPKey
)

// principalFrom returns the signed-in principal of a request, or nil for a visitor.
func principalFrom(ctx context.Context) *models.Principal {
	p, _ := ctx.Value(principalKey).(*models.Principal)
	return p
}

func clientIPFrom(ctx context.Context) string {
	ip, _ := ctx.Value(clientIPKey).(string)
	return ip
}

func (s *Server) recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				if r == http.ErrAbortHandler {
					panic(r)
				}
				err = fmt.Errorf("panic: %v\n%s", r, debug.Stack())
			}
		}()
		return next(c)
	}
}

func (s *Server) requestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		id := c.Request().Header.Get(echo.HeaderXRequestID)
		if id == "" || len(id) > 64 {
			var b [8]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		c.Response().Header().Set(echo.HeaderXRequestID, id)
		c.SetRequest(c.Request().WithContext(models.WithRequestID(c.Request().Context(), id)))
		return next(c)
	}
}

func (s *Server) logRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Echo().HTTPErrorHandler(c, err)
		}
		status := 0
		if r, _ := echo.UnwrapResponse(c.Response()); r != nil {
			status = r.Status
		}
		took := time.Since(start)
		s.metrics.observeRequest(c.Path(), c.Request().Method, status, took)
		path := c.Request().URL.Path
		if path == "/healthz" || path == "/readyz" {
			return nil
		}
		s.logger.InfoContext(c.Request().Context(), "request", "method", c.Request().Method, "path", path,
			"status", status, "duration_ms", took.Milliseconds(),
			"request_id", c.Response().Header().Get(echo.HeaderXRequestID))
		return nil
	}
}

func (s *Server) securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		h := c.Response().Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
		return next(c)
	}
}

// limits bounds the body and the time of each request, and records the client's address.
func (s *Server) limits(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		req := c.Request()
		limit := s.cfg.BodyLimit
		switch {
		case req.URL.Path == importPath:
			limit = importLimit + 1<<20
		case req.Method == http.MethodPost && uploadPath.MatchString(req.URL.Path):
			limit = s.cfg.AttachmentLimit + 1<<20
		}
		if req.ContentLength > limit {
			return &http.MaxBytesError{Limit: limit}
		}
		req.Body = http.MaxBytesReader(c.Response(), req.Body, limit)
		ctx := context.WithValue(req.Context(), clientIPKey, c.RealIP())
		if req.URL.Path != streamPath {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, s.cfg.RequestTimeout)
			defer cancel()
		}
		c.SetRequest(req.WithContext(ctx))
		return next(c)
	}
}

// authenticate reads a bearer token. No token makes a visitor; a bad token is refused outright, so that a
// client never mistakes a failed sign-in for a visitor's view.
func (s *Server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c *echo.Context) error {
		h := c.Request().Header.Get(echo.HeaderAuthorization)
		token := ""
		switch {
		case h != "":
			scheme, t, ok := strings.Cut(h, " ")
			if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(t) == "" {
				return models.Errorf(models.CodeUnauthorized, "the Authorization header must be: Bearer <access token>")
			}
			token = strings.TrimSpace(t)
		case c.Request().URL.Path == streamPath:
			// EventSource cannot send headers: the stream also takes the token as ?access_token=.
			token = c.QueryParam("access_token")
		}
		if token == "" {
			return next(c)
		}
		p, err := s.tokens.VerifyAccess(token)
		if err != nil {
			return err
		}
		// The token may be up to its lifetime old: act with the account as it is now.
		if p, err = s.app.CurrentPrincipal(c.Request().Context(), p); err != nil {
			return err
		}
		c.SetRequest(c.Request().WithContext(context.WithValue(c.Request().Context(), principalKey, p)))
		return next(c)
	}
}
