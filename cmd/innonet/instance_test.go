package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

func testConfig(data string) Config {
	var cfg Config
	fs := cfg.flagSet("test", io.Discard, func(string) string { return "" })
	if err := cfg.parse(fs, []string{"--addr", "127.0.0.1:0", "--data", data}); err != nil {
		panic(err)
	}
	return cfg
}

// start opens an instance on data and serves it until the test ends or stop is called.
func start(t *testing.T, cfg Config) (base string, stop func()) {
	t.Helper()
	_, base, stop = startInstance(t, cfg)
	return base, stop
}

// startInstance is start, also returning the instance.
func startInstance(t *testing.T, cfg Config) (_ *Instance, base string, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	in, err := OpenInstance(ctx, cfg, slog.New(slog.DiscardHandler), models.SystemClock{})
	if err != nil {
		t.Fatal(err)
	}
	if err := in.Listen(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- in.Run(ctx) }()
	var once bool
	stop = func() {
		if once {
			return
		}
		once = true
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
		if err := in.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	}
	t.Cleanup(stop)
	base = "http://" + in.Addr()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		res, err := http.Get(base + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("the instance did not become ready")
		}
	}
	return in, base, stop
}

func post(t *testing.T, url string, body any, token string) (int, map[string]any) {
	t.Helper()
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	return do(t, req, token)
}

func get(t *testing.T, url, token string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	return do(t, req, token)
}

func do(t *testing.T, req *http.Request, token string) (int, map[string]any) {
	t.Helper()
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}

func TestServeSurvivesRestart(t *testing.T) {
	data := t.TempDir()
	base, stop := start(t, testConfig(data))
	if st, _ := get(t, base+"/readyz", ""); st != http.StatusOK {
		t.Fatalf("readyz: %d", st)
	}
	creds := map[string]any{"email": "an@example.test", "password": "Correct-horse-42!"}
	if st, out := post(t, base+"/api/v1/auth/register", map[string]any{"email": "an@example.test", "password": "Correct-horse-42!", "name": "Trần An", "kind": "expert"}, ""); st != http.StatusCreated {
		t.Fatalf("register: %d %v", st, out)
	}
	st, out := post(t, base+"/api/v1/auth/login", creds, "")
	if st != http.StatusOK {
		t.Fatalf("login: %d %v", st, out)
	}
	token := out["access_token"].(string)
	_, me := get(t, base+"/api/v1/auth/me", token)
	stop()

	base, _ = start(t, testConfig(data))
	if st, again := get(t, base+"/api/v1/auth/me", token); st != http.StatusOK || again["member_id"] != me["member_id"] {
		t.Fatalf("the token from before the restart: %d %v", st, again)
	}
	if st, _ := post(t, base+"/api/v1/auth/login", creds, ""); st != http.StatusOK {
		t.Fatalf("login after restart: %d", st)
	}
}

func TestDemoDataLoadsOnce(t *testing.T) {
	cfg := testConfig(t.TempDir())
	cfg.Demo = true
	base, stop := start(t, cfg)
	_, list := get(t, base+"/api/v1/members?per_page=1", "")
	total := list["total"].(float64)
	if total < 60 {
		t.Fatalf("demo members: %v", total)
	}
	_, open := get(t, base+"/api/v1/challenges?status=open&per_page=1", "")
	if open["total"].(float64) < 5 {
		t.Fatalf("open demo challenges: %v", open["total"])
	}
	agency := login(t, base, "agency@demo.innonet.vn", demoPassword)
	if _, me := get(t, base+"/api/v1/auth/me", agency); me["member_id"] != "ag-0001" {
		t.Fatalf("the demo agency account: %v", me)
	}
	stop()
	base, _ = start(t, cfg)
	if _, again := get(t, base+"/api/v1/members?per_page=1", ""); again["total"].(float64) != total {
		t.Fatalf("demo data loaded twice: %v then %v", total, again["total"])
	}
}

func TestAdminCreate(t *testing.T) {
	data := t.TempDir()
	pw := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pw, []byte("Admin-pass-2026!\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	e := env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	if code := run(context.Background(), []string{"admin", "create", "--data", data, "--email", "Root@Example.test", "--password-file", pw}, e); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	stderr.Reset()
	if code := run(context.Background(), []string{"admin", "create", "--data", data, "--email", "x@example.test"}, e); code != 2 || !strings.Contains(stderr.String(), "INNONET_ADMIN_PASSWORD") {
		t.Fatalf("no password: exit %d: %s", code, stderr.String())
	}
	stderr.Reset()
	e.getenv = func(k string) string {
		if k == "INNONET_ADMIN_PASSWORD" {
			return "short"
		}
		return ""
	}
	if code := run(context.Background(), []string{"admin", "create", "--data", data, "--email", "y@example.test"}, e); code != 1 || !strings.Contains(stderr.String(), "password") {
		t.Fatalf("weak password: exit %d: %s", code, stderr.String())
	}

	base, _ := start(t, testConfig(data))
	st, out := post(t, base+"/api/v1/auth/login", map[string]any{"email": "root@example.test", "password": "Admin-pass-2026!"}, "")
	if st != http.StatusOK {
		t.Fatalf("admin login: %d %v", st, out)
	}
	if st, me := get(t, base+"/api/v1/auth/me", out["access_token"].(string)); st != http.StatusOK || me["role"] != "admin" {
		t.Fatalf("me: %d %v", st, me)
	}
}

func TestUnknownCommandAndFlags(t *testing.T) {
	var stderr bytes.Buffer
	e := env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr, getenv: func(string) string { return "" }}
	if code := run(context.Background(), []string{"frobnicate"}, e); code != 2 || !strings.Contains(stderr.String(), "unknown command") {
		t.Fatalf("unknown command: %d %s", code, stderr.String())
	}
	if code := run(context.Background(), []string{"serve", "--no-such-flag"}, e); code != 2 {
		t.Fatalf("unknown flag: %d", code)
	}
}

func TestToolsFailFastWhileTheServerHoldsTheIndex(t *testing.T) {
	data := t.TempDir()
	start(t, testConfig(data))
	var stderr bytes.Buffer
	e := env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr, getenv: func(string) string { return "" }}
	began := time.Now()
	code := run(context.Background(), []string{"reindex", "--data", data, "--index-wait", "300ms"}, e)
	if code != 1 || !strings.Contains(stderr.String(), "held by another innonet process") {
		t.Fatalf("reindex next to a server: exit %d: %s", code, stderr.String())
	}
	if d := time.Since(began); d > 5*time.Second {
		t.Fatalf("reindex took %v to give up", d)
	}
}
