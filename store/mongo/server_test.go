package mongo_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/store/mongo"
)

// Where the tests find a server, in order:
//
//   - MONGODB_URI: a real MongoDB (a replica set for everything to apply); the whole suite runs.
//   - INNONET_FERRETDB_URI: a FerretDB v1 server started by the caller (make test does, with tools/ferrettest).
//   - neither: the tests build tools/ferrettest (cached in the user cache dir) and start it themselves.
//
// FerretDB is used with one connection (maxPoolSize=1) and without the concurrency tests: its updates are
// not atomic across clients.

// server is a MongoDB-compatible server to test against.
type server struct {
	uri     string // without a database
	ferret  bool   // FerretDB: one connection, no atomic updates across clients
	started string // how the server was found, for the log
}

// testServer returns the server selected by the environment, starting FerretDB if none is named. A server it
// starts is stopped when t ends.
func testServer(t *testing.T) server {
	t.Helper()
	if uri := os.Getenv("MONGODB_URI"); uri != "" {
		return server{uri: uri, started: "MONGODB_URI"}
	}
	if uri := os.Getenv("INNONET_FERRETDB_URI"); uri != "" {
		return server{uri: withPoolOfOne(t, uri), ferret: true, started: "INNONET_FERRETDB_URI"}
	}
	return server{uri: withPoolOfOne(t, startFerret(t)), ferret: true, started: "tools/ferrettest"}
}

// open opens a store on a fresh database of the server, dropped and closed when t ends.
func (s server) open(t *testing.T, opts ...mongo.Option) *mongo.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st, err := mongo.Open(ctx, s.uri, append([]mongo.Option{mongo.WithDatabase(freshDatabase()), mongo.WithLogger(quietLogger())}, opts...)...)
	if err != nil {
		t.Fatalf("open a store on %s: %v", s.started, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := st.Drop(ctx); err != nil {
			t.Errorf("drop the test database: %v", err)
		}
		if err := st.Close(); err != nil {
			t.Errorf("close the store: %v", err)
		}
	})
	return st
}

// quietLogger drops what Open reports: FerretDB refuses the TTL index at every open.
func quietLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

// freshDatabase returns a database name no other test uses; FerretDB accepts [a-zA-Z0-9_-], up to 63.
func freshDatabase() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return "innonet_test_" + hex.EncodeToString(b[:])
}

// withPoolOfOne sets maxPoolSize=1 on uri, as FerretDB v1 needs.
func withPoolOfOne(t *testing.T, uri string) string {
	t.Helper()
	u, err := url.Parse(uri)
	if err != nil {
		t.Fatalf("the FerretDB URI does not parse: %v", err)
	}
	q := u.Query()
	q.Set("maxPoolSize", "1")
	u.RawQuery = q.Encode()
	return u.String()
}

// startFerret builds tools/ferrettest and runs it on a temporary directory until t ends. It returns the URI.
func startFerret(t *testing.T) string {
	t.Helper()
	bin := buildFerret(t)
	dir := t.TempDir() + "/"
	cmd := exec.Command(bin, "--dir", dir)
	var stderr lockedBuffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(exited)
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
	})

	first := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		first <- strings.TrimSpace(line)
	}()
	select {
	case uri := <-first:
		if uri == "" {
			<-exited
			t.Fatalf("ferrettest exited without printing its URI: %s", stderr.String())
		}
		return uri
	case <-time.After(60 * time.Second):
		t.Fatalf("ferrettest printed no URI within a minute: %s", stderr.String())
	}
	return ""
}

// buildFerret builds tools/ferrettest, its own Go module, into the user cache directory. The go command skips
// the work when the binary is up to date; the first build downloads FerretDB and takes minutes.
func buildFerret(t *testing.T) string {
	t.Helper()
	src, err := filepath.Abs(filepath.Join("..", "..", "tools", "ferrettest"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(src, "go.mod")); err != nil {
		t.Fatalf("no FerretDB for the MongoDB adapter's tests: set MONGODB_URI or INNONET_FERRETDB_URI, or keep tools/ferrettest (%v)", err)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	outDir := filepath.Join(cache, "innonet", "ferrettest")
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		t.Fatalf("build ferrettest: %v", err)
	}
	bin := filepath.Join(outDir, "ferrettest")
	// Build beside the target and rename, so that test binaries building at once never run a half-written file.
	tmp := fmt.Sprintf("%s.%d.tmp", bin, os.Getpid())
	cmd := exec.Command("go", "build", "-o", tmp, ".")
	cmd.Dir = src
	cmd.Env = append(os.Environ(), "GOWORK=off")
	if b, err := os.ReadFile(bin); err == nil && len(b) > 0 {
		// Let go decide whether the cached binary is up to date: building onto a copy of it is a no-op then.
		_ = os.WriteFile(tmp, b, 0o755)
	}
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil {
		_ = os.Remove(tmp)
		t.Fatalf("build tools/ferrettest for the MongoDB adapter's tests (or set MONGODB_URI or INNONET_FERRETDB_URI): %v\n%s", err, out)
	}
	if err := os.Rename(tmp, bin); err != nil {
		t.Fatalf("build ferrettest: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Logf("built tools/ferrettest in %s", d.Round(time.Second))
	}
	return bin
}

// lockedBuffer collects a child's stderr while the test may read it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
