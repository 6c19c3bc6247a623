package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"

	"github.com/hanoi-innovation/innonet/tools/internal/opkit"
)

// skills are what the solvers offer and the challenges ask for, so that every publication matches.
var skills = []string{"cảm biến IoT", "phân tích dữ liệu", "thị giác máy tính", "giao thông thông minh"}

// world is the crash test's view: the server, the mailbox, and what the clients saw acknowledged.
type world struct {
	c        config
	out      io.Writer
	rng      *rand.Rand
	mb       *mailbox
	srv      *opkit.Server
	cl       *opkit.Client
	log      *os.File
	admin    *opkit.Account
	solvers  []*solver
	agencies []*agency

	mu   sync.Mutex
	open []string // challenges whose publication was acknowledged

	// windowed are the Message-IDs received before a kill that the store had not recorded as sent then.
	windowed map[string]bool
	sum      summary
}

// solver is a startup or expert account writing its profile and responding to challenges.
type solver struct {
	opkit.Account
	etag      string
	acked     string   // the token of the last acknowledged headline
	attempted []string // tokens sent since then
	previous  []string // tokens acknowledged and replaced since
	interests map[string]string
	responded map[string]bool
}

// agency posts challenges.
type agency struct {
	opkit.Account
	challenges map[string]*challenge
}

type challenge struct {
	token     string
	published bool
}

func setUp(ctx context.Context, c config, out io.Writer) (*world, error) {
	w := &world{c: c, out: out, rng: rand.New(rand.NewPCG(c.Seed, 7)), windowed: map[string]bool{}}
	if err := os.MkdirAll(c.Data, 0o755); err != nil {
		return nil, err
	}
	var err error
	if w.log, err = os.Create(filepath.Join(filepath.Dir(c.Data), "crashtest-server.log")); err != nil {
		return nil, err
	}
	w.admin = &opkit.Account{Email: "admin@crashtest.invalid", Password: "Crash-admin-2026!"}
	pw := filepath.Join(filepath.Dir(c.Data), "admin-password")
	if err := os.WriteFile(pw, []byte(w.admin.Password), 0o600); err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, c.Bin, "admin", "create", "--data", c.Data, "--email", w.admin.Email, "--password-file", pw)
	if b, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("innonet admin create: %v: %s", err, b)
	}
	if w.mb, err = startMailbox(c.Host); err != nil {
		return nil, err
	}
	if err := w.start(ctx); err != nil {
		return nil, err
	}
	if err := w.cl.Login(ctx, w.admin); err != nil {
		return nil, err
	}
	for i := range c.Agencies {
		a := &agency{Account: opkit.Account{Email: fmt.Sprintf("agency%d@crashtest.invalid", i), Password: "Crash-agency-2026!",
			Name: fmt.Sprintf("Sở Kiểm thử %d", i), Kind: "agency"}, challenges: map[string]*challenge{}}
		if err := w.cl.Register(ctx, &a.Account); err != nil {
			return nil, err
		}
		if _, err := w.cl.Expect(ctx, http.StatusOK, http.MethodPost, "/api/v1/admin/verifications/"+a.MemberID, w.admin.Token,
			map[string]string{"decision": "verify"}, nil); err != nil {
			return nil, err
		}
		if err := w.preferences(ctx, &a.Account); err != nil {
			return nil, err
		}
		w.agencies = append(w.agencies, a)
	}
	for i := range c.Solvers {
		kind := []string{"startup", "expert"}[i%2]
		s := &solver{Account: opkit.Account{Email: fmt.Sprintf("solver%d@crashtest.invalid", i), Password: "Crash-solver-2026!",
			Name: fmt.Sprintf("Đội bền vững %d", i), Kind: kind}, interests: map[string]string{}, responded: map[string]bool{}}
		if err := w.cl.Register(ctx, &s.Account); err != nil {
			return nil, err
		}
		body := map[string]any{"version": 1, "headline": "Khởi động", "skills": skills, "sectors": []string{"mobility", "iot_smart_city"},
			"description": "Giải pháp giao thông thông minh với cảm biến IoT và phân tích dữ liệu cho Hà Nội."}
		if _, err := w.cl.Expect(ctx, http.StatusOK, http.MethodPatch, "/api/v1/members/"+s.MemberID, s.Token, body, nil); err != nil {
			return nil, err
		}
		if _, err := w.cl.Expect(ctx, http.StatusOK, http.MethodPost, "/api/v1/members/"+s.MemberID+"/publish", s.Token, nil, nil); err != nil {
			return nil, err
		}
		if err := w.preferences(ctx, &s.Account); err != nil {
			return nil, err
		}
		w.solvers = append(w.solvers, s)
	}
	if err := w.refresh(ctx); err != nil {
		return nil, err
	}
	fmt.Fprintf(out, "crashtest: %d cycles, %d solvers, %d agencies, seed %d, data %s, SMTP %s\n",
		c.Cycles, c.Solvers, c.Agencies, c.Seed, c.Data, w.mb.addr)
	return w, nil
}

// preferences asks for every match by email at once.
func (w *world) preferences(ctx context.Context, a *opkit.Account) error {
	_, err := w.cl.Expect(ctx, http.StatusOK, http.MethodPut, "/api/v1/me/preferences", a.Token,
		map[string]any{"email": "instant", "min_score": 0, "in_app": true}, nil)
	return err
}

// start serves the data dir on a fresh loopback port, with the mailbox as SMTP server.
func (w *world) start(ctx context.Context) error {
	w.srv = &opkit.Server{Bin: w.c.Bin, Data: w.c.Data, Host: w.c.Host, Log: w.log,
		Args: []string{"--log-level", "warn", "--smtp-addr", w.mb.addr, "--smtp-tls", "none", "--shutdown-timeout", "5s"}}
	if err := w.srv.Start(ctx, time.Minute); err != nil {
		return err
	}
	w.cl = opkit.NewClient(w.srv.URL(), 32)
	return nil
}

func (w *world) close() {
	if w.srv != nil {
		w.srv.Kill()
	}
	if w.mb != nil {
		w.mb.close()
	}
	if w.log != nil {
		_ = w.log.Close()
	}
}

// refresh reads every solver's profile as it is now, for its ETag.
func (w *world) refresh(ctx context.Context) error {
	for _, s := range w.solvers {
		r, err := w.as(ctx, &s.Account, http.MethodGet, "/api/v1/members/"+s.MemberID, nil, nil)
		if err != nil {
			return err
		}
		if r.Status != http.StatusOK {
			return fmt.Errorf("reading %s: %d", s.MemberID, r.Status)
		}
		s.etag = r.Header.Get("ETag")
	}
	return nil
}

// as sends a request signed in as a, signing in again once when the access token was refused.
func (w *world) as(ctx context.Context, a *opkit.Account, method, path string, body any, header map[string]string) (*opkit.Response, error) {
	r, err := w.cl.Do(ctx, method, path, a.Token, body, header)
	if err == nil && r.Status == http.StatusUnauthorized {
		if err := w.cl.Login(ctx, a); err != nil {
			return nil, err
		}
		r, err = w.cl.Do(ctx, method, path, a.Token, body, header)
	}
	return r, err
}

func (w *world) openChallenges() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.open...)
}
