package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/tools/internal/opkit"
)

// TestSmoke runs the load test briefly over 2,000 members on loopback: every kind of request is sent and
// answered without an error, and the report names them.
func TestSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the server")
	}
	c := config{Bin: opkit.BuildForTest(t), Host: "127.0.0.1", Members: 2000, Duration: 5 * time.Second, Clients: 4,
		Cache: t.TempDir(), Seed: 1, CPUProfile: filepath.Join(t.TempDir(), "server.pprof")}
	var out bytes.Buffer
	r, err := run(t.Context(), c, &out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	t.Log(out.String())
	if r.Requests < 50 {
		t.Errorf("%d requests in 5s, want at least 50", r.Requests)
	}
	for _, m := range mix {
		if r.ByKind[m.kind].N == 0 {
			t.Errorf("no %s request was sent", m.kind)
		}
	}
	if n := r.ErrorCount(); n != 0 {
		t.Errorf("%d errors: %v", n, r.Errors)
	}
	if info, err := os.Stat(c.CPUProfile); err != nil || info.Size() == 0 {
		t.Errorf("no CPU profile of the server: %v", err)
	}
	if r.Cache.Hits == 0 || r.Cache.Bytes == 0 {
		t.Errorf("the server's postings cache, as its /metrics show it: %+v", r.Cache)
	}
	for _, want := range []string{"req/s", "write/profile", "overall", "target >= 500 req/s", "search postings cache", "flat%"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}

// TestRefusesOtherHosts: the traffic goes to loopback only.
func TestRefusesOtherHosts(t *testing.T) {
	for _, h := range []string{"10.0.0.1", "example.com", "0.0.0.0", ""} {
		if err := opkit.CheckLoopback(h); err == nil {
			t.Errorf("host %q was accepted", h)
		}
	}
	for _, h := range []string{"127.0.0.1", "::1", "localhost"} {
		if err := opkit.CheckLoopback(h); err != nil {
			t.Errorf("host %q was refused: %v", h, err)
		}
	}
	_, err := run(t.Context(), config{Bin: "unused", Host: "192.0.2.1", Members: 10, Duration: time.Second, Clients: 1, Cache: t.TempDir()}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Errorf("run against 192.0.2.1: %v, want a refusal", err)
	}
}
