package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/hanoi-innovation/innonet/app"
	"github.com/hanoi-innovation/innonet/auth"
	"github.com/hanoi-innovation/innonet/models"
	"github.com/hanoi-innovation/innonet/notify"
	"github.com/hanoi-innovation/innonet/search"
	"github.com/hanoi-innovation/innonet/server"
	"github.com/hanoi-innovation/innonet/store/files"
	"github.com/hanoi-innovation/innonet/store/sqlite"
)

// testBaseURL is the public address the test servers claim, for canonical URLs.
const testBaseURL = "https://innonet.example.vn"

// testAttachmentLimit keeps uploads in the tests small.
const testAttachmentLimit = 256 << 10

// testWebApp is a built web app of one page, shaped like frontend/dist/index.html.
func testWebApp() fstest.MapFS {
	return fstest.MapFS{"index.html": {Data: []byte(`<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="description" content="Mạng lưới đổi mới sáng tạo Hà Nội - Hanoi Innovation Network" />
<title>innonet · Mạng lưới đổi mới sáng tạo Hà Nội</title>
</head><body><div id="root"></div></body></html>`)}}
}

// clock is a models.Clock the tests move by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// tokens adapts auth.Issuer the way cmd/innonet does.
type tokens struct{ issuer *auth.Issuer }

func (t tokens) IssueAccess(a *models.Account) (string, time.Time, error) {
	return t.issuer.Issue(auth.Claims{Subject: a.ID, Role: a.Role, MemberID: a.MemberID})
}

func (t tokens) VerifyAccess(token string) (*models.Principal, error) {
	c, err := t.issuer.Verify(token)
	if err != nil {
		return nil, err
	}
	return &models.Principal{AccountID: c.Subject, MemberID: c.MemberID, Role: c.Role}, nil
}

// liveOnly delivers notifications to open streams only.
type liveOnly struct{ hub *notify.Hub }

func (l liveOnly) Deliver(_ context.Context, _ string, ns []*models.Notification) error {
	for _, n := range ns {
		l.hub.Publish(n.AccountID)
	}
	return nil
}

// background keeps the index caught up and runs jobs, as an instance does, until stop closes.
func background(svc *app.Service, stop, done chan struct{}) {
	defer close(done)
	ctx := context.Background()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		_, _ = svc.CatchUp(ctx, nil)
		_, _ = svc.RunJobs(ctx)
		select {
		case <-stop:
			return
		case <-tick.C:
		case <-svc.IndexKicked():
		case <-svc.JobsKicked():
		}
	}
}

// awaitNotification waits until the inbox of the token's account holds a notification whose text contains
// want: the background runs the job that writes it.
func (e *env) awaitNotification(token, want string) {
	e.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if r := e.call("GET", "/api/v1/notifications", nil, token); strings.Contains(string(r.body), want) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	e.t.Fatalf("no notification with %q arrived", want)
}

// settle waits until the index has applied every change of the store.
func (e *env) settle() {
	e.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if lag, err := e.svc.IndexLag(context.Background()); err == nil && lag == 0 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	e.t.Fatal("the index did not catch up")
}

// env is one server on a real SQLite file and real HTTP.
type env struct {
	t      testing.TB
	url    string
	store  models.Store
	svc    *app.Service
	clock  *clock
	keys   *auth.KeyRing
	issuer *auth.Issuer
}

func newEnv(t testing.TB) *env {
	t.Helper()
	return newEnvWith(t, nil)
}

// newEnvWith is newEnv with the use cases reading the store through wrap, when set.
func newEnvWith(t testing.TB, wrap func(models.Store) models.Store) *env {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "innonet.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	clk := &clock{now: time.Now().UTC()}
	keys, err := auth.LoadOrCreateKeys(filepath.Join(dir, "keys"), clk)
	if err != nil {
		t.Fatal(err)
	}
	issuer, err := auth.NewIssuer(auth.IssuerConfig{Keys: keys, Issuer: "innonet", Audience: "innonet-api", Clock: clk})
	if err != nil {
		t.Fatal(err)
	}
	limiter := func(n int) *auth.Limiter {
		l, err := auth.NewLimiter(auth.LimiterConfig{Attempts: n, Window: time.Minute, Clock: clk})
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	logger := slog.New(slog.DiscardHandler)
	ix, err := search.Open(filepath.Join(dir, "index"), models.MustTaxonomy(), search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	hub := &notify.Hub{}
	blobs, err := files.Open(filepath.Join(dir, "attachments"))
	if err != nil {
		t.Fatal(err)
	}
	var used models.Store = st
	if wrap != nil {
		used = wrap(st)
	}
	svc := app.New(app.Deps{
		Store: used, Clock: clk, Taxonomy: models.MustTaxonomy(), Hasher: auth.NewHasher(auth.Params{Memory: 64, Time: 1}),
		Tokens: tokens{issuer}, LoginByIP: limiter(1000), LoginByEmail: limiter(5),
		NewSecret: auth.NewRefreshSecret, HashSecret: auth.HashRefreshSecret, Logger: logger,
		Index: ix, Deliver: liveOnly{hub}, Blobs: blobs,
	}, app.Config{PasswordPolicy: auth.CheckPassword, AttachmentLimit: testAttachmentLimit})
	stop := make(chan struct{})
	done := make(chan struct{})
	go background(svc, stop, done)
	t.Cleanup(func() { close(stop); <-done })
	t.Cleanup(hub.Close)
	srv, err := server.New(server.Config{BodyLimit: 64 << 10, BaseURL: testBaseURL, AttachmentLimit: testAttachmentLimit},
		server.Deps{App: svc, Tokens: tokens{issuer}, Ready: func(ctx context.Context) error { return st.Ping(ctx) },
			Live: hub, Logger: logger, Web: testWebApp(),
			Metrics: server.NewMetrics(server.Gauges{IndexLag: svc.IndexLag, OutboxDepth: st.OutboxDepth,
				PostingsCache: func() (int64, uint64, uint64) {
					cs := ix.PostingsCacheStats()
					return cs.Bytes, cs.Hits, cs.Misses
				}})})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return &env{t: t, url: hs.URL, store: st, svc: svc, clock: clk, keys: keys, issuer: issuer}
}

// response is what a call returned.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) json() map[string]any {
	var m map[string]any
	_ = json.Unmarshal(r.body, &m)
	return m
}

// pointers lists the field pointers of a problem document.
func (r response) pointers() []string {
	var p struct {
		Errors []models.FieldError `json:"errors"`
	}
	_ = json.Unmarshal(r.body, &p)
	out := make([]string, len(p.Errors))
	for i, e := range p.Errors {
		out[i] = e.Pointer
	}
	return out
}

// call sends a request; body is marshalled unless it is a string, which is sent as is.
func (e *env) call(method, path string, body any, token string, headers ...string) response {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, e.url+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: b}
}

// user is a registered, signed-in account.
type user struct {
	email, password, token, refresh, memberID, accountID string
}

const password = "Correct-horse-42!"

func (e *env) register(email string, kind models.Kind, name string) user {
	e.t.Helper()
	r := e.call("POST", "/api/v1/auth/register", map[string]any{"email": email, "password": password, "name": name, "kind": kind}, "")
	if r.status != http.StatusCreated {
		e.t.Fatalf("register %s: %d %s", email, r.status, r.body)
	}
	u := e.login(email, password)
	u.memberID, _ = r.json()["member_id"].(string)
	u.accountID, _ = r.json()["id"].(string)
	return u
}

func (e *env) login(email, pw string) user {
	e.t.Helper()
	r := e.call("POST", "/api/v1/auth/login", map[string]any{"email": email, "password": pw}, "")
	if r.status != http.StatusOK {
		e.t.Fatalf("login %s: %d %s", email, r.status, r.body)
	}
	j := r.json()
	return user{email: email, password: pw, token: j["access_token"].(string), refresh: j["refresh_token"].(string)}
}

func (e *env) admin() user {
	e.t.Helper()
	if _, err := e.svc.CreateAdmin(context.Background(), "admin@example.test", "Admin-pass-2026!"); err != nil {
		e.t.Fatal(err)
	}
	return e.login("admin@example.test", "Admin-pass-2026!")
}

// publish makes a member's profile public.
func (e *env) publish(u user) {
	e.t.Helper()
	if r := e.call("POST", "/api/v1/members/"+u.memberID+"/publish", nil, u.token); r.status != http.StatusOK {
		e.t.Fatalf("publish %s: %d %s", u.memberID, r.status, r.body)
	}
}

// verify has the admin verify an organisation.
func (e *env) verify(admin user, memberID string) {
	e.t.Helper()
	r := e.call("POST", "/api/v1/admin/verifications/"+memberID, map[string]any{"decision": "verify"}, admin.token)
	if r.status != http.StatusOK {
		e.t.Fatalf("verify %s: %d %s", memberID, r.status, r.body)
	}
}

// draftChallenge creates a draft challenge as the agency.
func (e *env) draftChallenge(agency user) string {
	e.t.Helper()
	r := e.call("POST", "/api/v1/challenges", map[string]any{
		"title": "Cảnh báo ngập úng theo thời gian thực", "description": "Phường cần mạng cảm biến đo mực nước tại các điểm trũng và cảnh báo người dân.",
		"sectors": []string{"water_flood"}, "required_skills": []string{"iot"}, "preferred_kinds": []string{"startup"},
		"deadline": e.clock.Now().AddDate(0, 3, 0).Format("2006-01-02"), "ward": "Hà Đông",
	}, agency.token)
	if r.status != http.StatusCreated {
		e.t.Fatalf("create challenge: %d %s", r.status, r.body)
	}
	return r.json()["id"].(string)
}
