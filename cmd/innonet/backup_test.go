package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
	"github.com/hanoi-innovation/innonet/store/sqlite"
)

// write is one registration sent during the burst: when it was sent, and when it was acknowledged.
type write struct {
	email         string
	sent, settled time.Time
	acked         bool
}

// burst registers accounts from several clients until ctx ends, and returns what it sent.
func burst(t *testing.T, ctx context.Context, base string, clients int) (wait func() []write, count func() int) {
	var (
		mu     sync.Mutex
		writes []write
		wg     sync.WaitGroup
	)
	for c := range clients {
		wg.Go(func() {
			for i := 0; ctx.Err() == nil; i++ {
				w := write{email: fmt.Sprintf("burst-%d-%d@example.test", c, i), sent: time.Now()}
				body := fmt.Sprintf(`{"email":%q,"password":"Correct-horse-42!","name":"Người ghi %d-%d","kind":"startup"}`, w.email, c, i)
				req, _ := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/v1/auth/register", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				res, err := http.DefaultClient.Do(req)
				w.settled = time.Now()
				if err == nil {
					res.Body.Close()
					w.acked = res.StatusCode == http.StatusCreated
					if !w.acked {
						t.Errorf("register %s: %d", w.email, res.StatusCode)
					}
				}
				mu.Lock()
				writes = append(writes, w)
				mu.Unlock()
			}
		})
	}
	count = func() int {
		mu.Lock()
		defer mu.Unlock()
		n := 0
		for _, w := range writes {
			if w.acked {
				n++
			}
		}
		return n
	}
	wait = func() []write {
		wg.Wait()
		return writes
	}
	return wait, count
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

// searchIDs returns the ids of every member a directory search finds, sorted: the same data finds the same
// members, whatever the scores of ties.
func searchIDs(t *testing.T, base, q string) []string {
	t.Helper()
	st, out := get(t, base+"/api/v1/members?per_page=100&q="+url.QueryEscape(q), "")
	if st != http.StatusOK {
		t.Fatalf("search %q: %d %v", q, st, out)
	}
	var ids []string
	for _, it := range out["items"].([]any) {
		ids = append(ids, it.(map[string]any)["id"].(string))
	}
	if len(ids) == 0 || int(out["total"].(float64)) != len(ids) {
		t.Fatalf("search %q found %v of %v members", q, len(ids), out["total"])
	}
	slices.Sort(ids)
	return ids
}

var sameSearches = []string{"giao thong", "trí tuệ nhân tạo", "nông nghiệp", "fintech payments"}

// runCmd runs a subcommand in-process and returns its exit code and output.
func runCmd(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, env{stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }})
	return code, stdout.String(), stderr.String()
}

// TestBackupDuringWritesThenRestore: a backup taken while clients keep registering holds every registration
// acknowledged before it started and none sent after it ended; restored into an empty dir, it serves, its
// index catches up from nothing, and it answers the searches the source answered.
func TestBackupDuringWritesThenRestore(t *testing.T) {
	data := t.TempDir()
	cfg := testConfig(data)
	cfg.Demo = true
	base, stop := start(t, cfg)
	content := addChallengeContent(t, base)
	halfWritten := filepath.Join(data, "attachments", ".upload-42")
	if err := os.WriteFile(halfWritten, []byte("%PDF-1.7 half"), 0o600); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	wait, acked := burst(t, ctx, base, 4)
	waitFor(t, "writes before the backup", func() bool { return acked() >= 12 })
	out := filepath.Join(t.TempDir(), "innonet-backup.tar.gz")
	backupStart := time.Now()
	code, stdout, stderr := runCmd("backup", "--data", data, "--out", out)
	backupEnd := time.Now()
	if code != 0 {
		t.Fatalf("backup: %d %s %s", code, stdout, stderr)
	}
	afterBackup := acked()
	waitFor(t, "writes after the backup", func() bool { return acked() >= afterBackup+8 })
	cancel()
	writes := wait()
	want := map[string][]string{}
	for _, q := range sameSearches {
		want[q] = searchIDs(t, base, q)
	}
	stop()
	t.Logf("backup: %s; %d writes", strings.TrimSpace(stdout), len(writes))

	if code, _, stderr := runCmd("backup", "--data", data, "--out", out); code == 0 || !strings.Contains(stderr, "already exists") {
		t.Errorf("a backup onto an existing file: %d %s", code, stderr)
	}
	restored := filepath.Join(t.TempDir(), "restored")
	if code, stdout, stderr := runCmd("restore", "--from", out, "--data", restored); code != 0 {
		t.Fatalf("restore: %d %s %s", code, stdout, stderr)
	}
	if code, _, stderr := runCmd("restore", "--from", out, "--data", restored); code == 0 || !strings.Contains(stderr, "not empty") {
		t.Errorf("a restore into a data dir in use: %d %s", code, stderr)
	}
	if got, err := os.ReadFile(filepath.Join(restored, "attachments", content.attachment)); err != nil || !bytes.Equal(got, content.pdf) {
		t.Errorf("the attachment file was not restored: %d bytes, %v", len(got), err)
	}
	if _, err := os.Stat(filepath.Join(restored, "attachments", filepath.Base(halfWritten))); err == nil {
		t.Error("a half-written temporary attachment file was backed up")
	}
	if _, err := os.Stat(filepath.Join(restored, "index")); err == nil {
		t.Error("the restore brought a search index along")
	}

	assertRestoredWrites(t, filepath.Join(restored, "innonet.db"), writes, backupStart, backupEnd)

	base, _ = start(t, testConfig(restored))
	for _, q := range sameSearches {
		if got := searchIDs(t, base, q); !slices.Equal(got, want[q]) {
			t.Errorf("search %q: source %v, restored %v", q, want[q], got)
		}
	}
	checkChallengeContent(t, base, content)
	first := writes[0]
	if st, out := post(t, base+"/api/v1/auth/login", map[string]any{"email": first.email, "password": "Correct-horse-42!"}, ""); st != http.StatusOK {
		t.Errorf("login on the restored instance: %d %v", st, out)
	}
}

// assertRestoredWrites checks the restored store: every write acknowledged before the backup started is in it,
// and none sent after it ended.
func assertRestoredWrites(t *testing.T, dbPath string, writes []write, backupStart, backupEnd time.Time) {
	t.Helper()
	st, err := sqlite.Open(t.Context(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var before, after int
	for _, w := range writes {
		_, err := st.AccountByEmail(t.Context(), w.email)
		switch {
		case w.acked && w.settled.Before(backupStart):
			before++
			if err != nil {
				t.Errorf("%s, acknowledged before the backup, is not in it: %v", w.email, err)
			}
		case w.sent.After(backupEnd):
			after++
			if models.ErrorCode(err) != models.CodeNotFound {
				t.Errorf("%s, sent after the backup, is in it: %v", w.email, err)
			}
		}
	}
	if before == 0 || after == 0 {
		t.Fatalf("the burst did not straddle the backup: %d writes before, %d after", before, after)
	}
}
