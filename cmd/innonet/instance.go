package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hanoi-innovation/innonet/app"
	"github.com/hanoi-innovation/innonet/auth"
	"github.com/hanoi-innovation/innonet/demo"
	"github.com/hanoi-innovation/innonet/frontend"
	"github.com/hanoi-innovation/innonet/models"
	"github.com/hanoi-innovation/innonet/notify"
	"github.com/hanoi-innovation/innonet/search"
	"github.com/hanoi-innovation/innonet/server"
	"github.com/hanoi-innovation/innonet/store/files"
	"github.com/hanoi-innovation/innonet/store/mongo"
	"github.com/hanoi-innovation/innonet/store/sqlite"
)

// Instance is one running innonet: its store, use cases and HTTP server. Open builds it, Run serves until
// the context ends, Close releases everything. The end-to-end tests drive the same type.
type Instance struct {
	Config  Config
	Logger  *slog.Logger
	Clock   models.Clock
	Store   models.Store
	Service *app.Service
	Server  *server.Server
	Hub     *notify.Hub
	Index   *search.Index
	Outbox  *notify.OutboxWorker
	Digests *notify.DigestWorker
	Metrics *server.Metrics

	indexReady atomic.Bool

	listener net.Listener
	http     *http.Server
}

// OpenInstance builds an instance from its configuration: nothing listens until Run.
func OpenInstance(ctx context.Context, cfg Config, logger *slog.Logger, clock models.Clock) (*Instance, error) {
	in := &Instance{Config: cfg, Logger: logger, Clock: clock, Hub: &notify.Hub{}}
	if err := in.open(ctx); err != nil {
		_ = in.Close()
		return nil, err
	}
	return in, nil
}

func (in *Instance) open(ctx context.Context) error {
	tax, err := models.LoadTaxonomy()
	if err != nil {
		return err
	}
	if in.Store, err = openStore(ctx, in.Config); err != nil {
		return err
	}
	if in.Index, err = openIndex(in.Config, tax); err != nil {
		return err
	}
	svc, tokens, err := newService(in.Config, in.Store, tax, in.Clock, in.Logger)
	if err != nil {
		return err
	}
	svc.Index = in.Index
	if svc.Blobs, err = openBlobs(in.Config, in.Store); err != nil {
		return err
	}
	in.Service = svc
	in.Metrics = server.NewMetrics(server.Gauges{IndexLag: svc.IndexLag, OutboxDepth: in.Store.OutboxDepth,
		PostingsCache: postingsCacheOf(in.Index)})
	if err := in.openMailing(); err != nil {
		return err
	}
	if in.Config.Demo {
		if err := in.loadDemo(ctx); err != nil {
			return err
		}
	}
	in.Server, err = server.New(server.Config{
		BodyLimit: in.Config.BodyLimit, RequestTimeout: in.Config.RequestTimeout,
		InsecureCookies: in.Config.InsecureCookies, TrustProxy: in.Config.TrustProxy, Version: version,
		BaseURL: in.Config.BaseURL, AttachmentLimit: svc.AttachmentLimit(),
	}, server.Deps{App: svc, Tokens: tokens, Ready: in.ready, Web: frontend.Dist(), Live: in.Hub, Logger: in.Logger,
		Metrics: in.Metrics})
	return err
}

// openMailing wires notification delivery: live streams, the email outbox and the digests.
func (in *Instance) openMailing() error {
	m, err := newMailing(in.Config, in.Clock, in.Logger)
	if err != nil {
		return err
	}
	in.Outbox = &notify.OutboxWorker{Store: in.Store, Sender: m.sender, Clock: in.Clock, Logger: in.Logger,
		Attempted: in.Metrics.MailAttempted}
	in.Service.Deliver = &notify.Delivery{Store: in.Store, Hub: in.Hub, Renderer: m.renderer, Clock: in.Clock,
		Logger: in.Logger, Domain: m.domain, Enqueued: in.Outbox.Kick}
	in.Service.Mailer = accountMailer{store: in.Store, renderer: m.renderer, domain: m.domain, clock: in.Clock, kick: in.Outbox.Kick}
	in.Digests = &notify.DigestWorker{Store: in.Store, Renderer: m.renderer, Clock: in.Clock, Logger: in.Logger,
		Domain: m.domain, Enqueued: in.Outbox.Kick, AgencyName: in.agencyName}
	return nil
}

// agencyName names the agency that posted a challenge, for emails.
func (in *Instance) agencyName(ctx context.Context, challengeID string) (string, error) {
	c, err := in.Store.Challenge(ctx, challengeID)
	if err != nil {
		return "", err
	}
	m, err := in.Store.Member(ctx, c.PostedBy)
	if err != nil {
		return "", err
	}
	return m.Name, nil
}

// openStore opens MongoDB when a URI is configured, else the embedded SQLite store in the data dir.
func openStore(ctx context.Context, cfg Config) (models.Store, error) {
	if cfg.MongoURI != "" {
		var opts []mongo.Option
		if cfg.MongoDatabase != "" {
			opts = append(opts, mongo.WithDatabase(cfg.MongoDatabase))
		}
		return mongo.Open(ctx, cfg.MongoURI, opts...)
	}
	if err := os.MkdirAll(cfg.Data, 0o700); err != nil {
		return nil, fmt.Errorf("creating the data directory: %w", err)
	}
	return sqlite.Open(ctx, filepath.Join(cfg.Data, "innonet.db"))
}

// openBlobs opens where attachments keep their bytes: GridFS with MongoDB, else DATA/attachments.
func openBlobs(cfg Config, st models.Store) (models.BlobStore, error) {
	if m, ok := st.(*mongo.Store); ok {
		return m.Blobs(), nil
	}
	return files.Open(filepath.Join(cfg.Data, "attachments"))
}

// openIndex opens the search index in the data dir; an index built by another version is emptied, and the
// catch-up with the store rebuilds it.
func openIndex(cfg Config, tax *models.Taxonomy) (*search.Index, error) {
	ix, err := search.Open(filepath.Join(cfg.Data, "index"), tax, search.Options{OpenTimeout: cfg.IndexWait, ResetOnMismatch: true,
		PostingsCache: cfg.postingsCache()})
	if errors.Is(err, search.ErrLocked) {
		return nil, fmt.Errorf("the search index in %s is held by another innonet process (is a server running on this data dir?): %w", cfg.Data, err)
	}
	return ix, err
}

// newService wires the use cases with their security collaborators.
func newService(cfg Config, st models.Store, tax *models.Taxonomy, clock models.Clock, logger *slog.Logger) (*app.Service, accessTokens, error) {
	keys, err := auth.LoadOrCreateKeys(cfg.keysDir(), clock)
	if err != nil {
		return nil, accessTokens{}, err
	}
	issuer, err := auth.NewIssuer(auth.IssuerConfig{Keys: keys, Issuer: cfg.Issuer, Audience: cfg.Issuer + "-api", TTL: cfg.AccessTTL, Clock: clock})
	if err != nil {
		return nil, accessTokens{}, err
	}
	byEmail, err := auth.NewLimiter(auth.LimiterConfig{Attempts: cfg.LoginPerMinute, Window: time.Minute, Clock: clock})
	if err != nil {
		return nil, accessTokens{}, err
	}
	byIP, err := auth.NewLimiter(auth.LimiterConfig{Attempts: cfg.LoginPerMinIP, Window: time.Minute, Clock: clock})
	if err != nil {
		return nil, accessTokens{}, err
	}
	mailRate, err := auth.NewLimiter(auth.LimiterConfig{Attempts: cfg.MailPerHour, Window: time.Hour, Clock: clock})
	if err != nil {
		return nil, accessTokens{}, err
	}
	tokens := accessTokens{issuer}
	svc := app.New(app.Deps{
		Store: st, Clock: clock, Taxonomy: tax, Hasher: auth.NewHasher(auth.DefaultParams()), Tokens: tokens,
		LoginByIP: byIP, LoginByEmail: byEmail, NewSecret: auth.NewRefreshSecret, HashSecret: auth.HashRefreshSecret,
		Logger: logger, MailLimiter: mailRate,
	}, app.Config{RefreshTTL: cfg.RefreshTTL, PasswordPolicy: auth.CheckPassword, AttachmentLimit: cfg.AttachmentLimit,
		FeedSettle: feedSettle(cfg), MatchSettle: cfg.MatchSettle})
	return svc, tokens, nil
}

// mongoFeedSettle is how late a MongoDB write may become visible behind one numbered after it and still
// reach the search index: MongoDB numbers a write before inserting it, without a transaction.
const mongoFeedSettle = 5 * time.Second

// feedSettle is the FeedSettle of the use cases: SQLite makes its changes visible in order, MongoDB does not.
func feedSettle(cfg Config) time.Duration {
	if cfg.MongoURI != "" {
		return mongoFeedSettle
	}
	return 0
}

func (in *Instance) loadDemo(ctx context.Context) error {
	set, err := demo.Load(in.Clock.Now(), in.Service.Taxonomy)
	if err != nil {
		return err
	}
	loaded, err := in.Service.SeedIfEmpty(ctx, set.Members, set.Challenges)
	if err != nil {
		return fmt.Errorf("loading the demo data: %w", err)
	}
	if !loaded {
		return nil
	}
	if err := in.Service.SeedDemoAccounts(ctx, demoAccounts(), demoPassword); err != nil {
		return fmt.Errorf("creating the demo accounts: %w", err)
	}
	in.Logger.Info("demo data loaded", "members", len(set.Members), "challenges", len(set.Challenges),
		"sign_in", "admin@demo.innonet.vn, agency@demo.innonet.vn, startup@demo.innonet.vn, expert@demo.innonet.vn", "password", demoPassword)
	return nil
}

// demoPassword signs in every demo account. The demo is for trying innonet out, never for production.
const demoPassword = "innonet-demo-2026"

// demoAccounts are the sign-ins the demo data comes with: an admin, and the owners of an agency, a startup
// and an expert.
func demoAccounts() []app.DemoAccount {
	return []app.DemoAccount{
		{Email: "admin@demo.innonet.vn", Name: "Quản trị viên", Role: models.RoleAdmin},
		{Email: "agency@demo.innonet.vn", Name: "Sở Xây dựng Hà Nội", MemberID: "ag-0001", Role: models.RoleMember},
		{Email: "startup@demo.innonet.vn", Name: "NútXanh Analytics", MemberID: "st-0001", Role: models.RoleMember},
		{Email: "expert@demo.innonet.vn", Name: "TS. Nguyễn Thị Minh Hằng", MemberID: "ex-0001", Role: models.RoleMember},
	}
}

// ready reports whether the store answers and the index has caught up with it since the start.
func (in *Instance) ready(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := in.Store.Ping(ctx); err != nil {
		return &models.Error{Code: models.CodeUnavailable, Message: "the store does not answer", Err: err}
	}
	if !in.indexReady.Load() {
		return models.Errorf(models.CodeUnavailable, "the search index is catching up with the store")
	}
	return nil
}

// Listen binds the configured address; Addr then tells where (useful with port 0).
func (in *Instance) Listen() error {
	l, err := net.Listen("tcp", in.Config.Addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", in.Config.Addr, err)
	}
	in.listener = l
	return nil
}

// Addr is the address the instance listens on.
func (in *Instance) Addr() string { return in.listener.Addr().String() }

// Run serves HTTP until ctx ends, then drains requests for up to the shutdown timeout.
func (in *Instance) Run(ctx context.Context) error {
	if in.listener == nil {
		if err := in.Listen(); err != nil {
			return err
		}
	}
	in.http = &http.Server{
		Handler: in.Server, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: in.Config.RequestTimeout + 15*time.Second, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10,
		ErrorLog:    slog.NewLogLogger(in.Logger.Handler(), slog.LevelWarn),
		BaseContext: func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	if in.Config.PprofAddr != "" {
		stop, err := in.servePprof(ctx, in.Config.PprofAddr)
		if err != nil {
			return err
		}
		defer stop()
	}
	workers, stopWorkers := context.WithCancel(ctx)
	defer stopWorkers()
	done := in.startWorkers(workers)
	errc := make(chan error, 1)
	go func() { errc <- in.http.Serve(in.listener) }()
	in.Logger.Info("serving", "addr", in.Addr(), "store", in.storeName(), "version", version)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	in.Logger.Info("shutting down")
	in.Hub.Close()
	stopWorkers()
	done.Wait()
	sctx, cancel := context.WithTimeout(context.Background(), in.Config.ShutdownTimeout)
	defer cancel()
	if err := in.http.Shutdown(sctx); err != nil {
		return fmt.Errorf("draining requests: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func (in *Instance) storeName() string {
	if in.Config.MongoURI != "" {
		return "mongodb"
	}
	return "sqlite"
}

// Close releases the index and the store.
func (in *Instance) Close() error {
	var errs []error
	if in.Index != nil {
		errs = append(errs, in.Index.Close())
	}
	if in.Store != nil {
		errs = append(errs, in.Store.Close())
	}
	return errors.Join(errs...)
}

// newLogger returns the JSON logger of the process.
func newLogger(w io.Writer, level string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(strings.ToUpper(level))); err != nil {
		return nil, usageError{fmt.Sprintf("--log-level %q: want debug, info, warn or error", level)}
	}
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l})), nil
}

// postingsCacheOf reads the index's postings cache as the metrics take it.
func postingsCacheOf(ix *search.Index) func() (int64, uint64, uint64) {
	return func() (int64, uint64, uint64) {
		st := ix.PostingsCacheStats()
		return st.Bytes, st.Hits, st.Misses
	}
}
