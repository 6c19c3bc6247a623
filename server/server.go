// Package server is the HTTP face of innonet: the routes of the OpenAPI contract on Echo v5, request
// validation against the contract, bearer-token authentication, problem+json errors and the web app.
package server

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v5"

	"github.com/hanoi-innovation/innonet/api"
	"github.com/hanoi-innovation/innonet/app"
	"github.com/hanoi-innovation/innonet/models"
)

// TokenVerifier checks an access token and says whose it is.
type TokenVerifier interface {
	VerifyAccess(token string) (*models.Principal, error)
}

// ReadyFunc reports whether the instance can serve: the store answers and the index has caught up.
type ReadyFunc func(ctx context.Context) error

// Config holds the HTTP settings.
type Config struct {
	// BodyLimit caps request bodies in bytes (default 1 MiB).
	BodyLimit int64
	// RequestTimeout bounds the work of one request (default 15 s).
	RequestTimeout time.Duration
	// SecureCookies marks the refresh cookie Secure (default true; browsers accept it on localhost too).
	InsecureCookies bool
	// TrustProxy takes the client address from X-Forwarded-For / X-Real-IP (behind a trusted proxy only).
	TrustProxy bool
	// Version is reported by the health endpoints.
	Version string
	// BaseURL is the public address of the web app, for the canonical URLs of share previews.
	BaseURL string
	// AttachmentLimit is the largest challenge attachment in bytes (default 10 MiB).
	AttachmentLimit int64
}

// Deps are the collaborators of the HTTP layer.
type Deps struct {
	App    *app.Service
	Tokens TokenVerifier
	// Ready may be nil: the instance is then always ready.
	Ready ReadyFunc
	// Web is the built web app (an index.html at its root), or nil for the placeholder page.
	Web fs.FS
	// Live wakes notification streams.
	Live   Subscriber
	Logger *slog.Logger
	// Metrics, when set, are recorded and served at /metrics.
	Metrics *Metrics
}

// Server serves the API and the web app.
type Server struct {
	cfg     Config
	app     *app.Service
	tokens  TokenVerifier
	ready   ReadyFunc
	web     fs.FS
	live    Subscriber
	logger  *slog.Logger
	metrics *Metrics
	echo    *echo.Echo
}

// New builds the HTTP handler.
func New(cfg Config, d Deps) (*Server, error) {
	if cfg.BodyLimit == 0 {
		cfg.BodyLimit = 1 << 20
	}
	if cfg.AttachmentLimit == 0 {
		cfg.AttachmentLimit = 10 << 20
	}
	if cfg.RequestTimeout == 0 {
		cfg.RequestTimeout = 15 * time.Second
	}
	s := &Server{cfg: cfg, app: d.App, tokens: d.Tokens, ready: d.Ready, web: d.Web, live: d.Live, logger: d.Logger,
		metrics: d.Metrics}
	ct, err := newContract(api.Spec)
	if err != nil {
		return nil, err
	}
	e := echo.New()
	e.Logger = d.Logger
	e.HTTPErrorHandler = s.errorHandler
	e.IPExtractor = echo.ExtractIPDirect()
	if cfg.TrustProxy {
		e.IPExtractor = echo.ExtractIPFromXFFHeader()
	}
	e.Use(s.recoverPanics, s.requestID, s.logRequests, s.securityHeaders, s.limits, s.authenticate, ct.middleware)
	api.RegisterHandlers(e, api.NewStrictHandler(handlers{s}, nil))
	e.GET("/api/v1/openapi.yaml", s.serveContract)
	if s.metrics != nil {
		e.GET("/metrics", echo.WrapHandler(s.metrics.Handler()))
	}
	e.GET(streamPath, s.streamNotifications)
	e.Any("/api/*", func(c *echo.Context) error { return models.Errorf(models.CodeNotFound, "no such API route") })
	e.GET("/*", s.serveWeb)
	e.HEAD("/*", s.serveWeb)
	s.echo = e
	return s, nil
}

// ServeHTTP makes Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.echo.ServeHTTP(w, r) }

// handlers implements the generated strict server interface.
type handlers struct{ *Server }

var _ api.StrictServerInterface = handlers{}

func (s *Server) serveContract(c *echo.Context) error {
	return c.Blob(http.StatusOK, "application/yaml; charset=utf-8", api.Spec)
}
