package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hanoi-innovation/innonet/store/sqlite"
	"github.com/hanoi-innovation/innonet/store/storetest"
)

// rewriteArchive copies a backup, passing each member's content through edit.
func rewriteArchive(t *testing.T, from, to string, edit func(name string, body []byte) []byte) {
	t.Helper()
	f, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	tw := tar.NewWriter(zw)
	tr := tar.NewReader(gz)
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		body = edit(hdr.Name, body)
		hdr.Size = int64(len(body))
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(body); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// editManifest returns an edit that changes the manifest's JSON fields.
func editManifest(t *testing.T, change func(m map[string]any)) func(string, []byte) []byte {
	return func(name string, body []byte) []byte {
		if name != manifestName {
			return body
		}
		var m map[string]any
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatal(err)
		}
		change(m)
		out, _ := json.Marshal(m)
		return out
	}
}

// TestRestoreRefusesDamagedBackups: a restore checks the archive against its manifest and leaves no data dir
// behind when it refuses.
func TestRestoreRefusesDamagedBackups(t *testing.T) {
	data, dir := t.TempDir(), t.TempDir()
	st, err := sqlite.Open(t.Context(), filepath.Join(data, "innonet.db"))
	if err != nil {
		t.Fatal(err)
	}
	storetest.FillEveryKind(t, st)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good.tar.gz")
	if code, _, stderr := runCmd("backup", "--data", data, "--out", good); code != 0 {
		t.Fatalf("backup: %s", stderr)
	}
	raw, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}

	cases := map[string]struct {
		make func(path string)
		want string
	}{
		"not an archive": {func(p string) { _ = os.WriteFile(p, []byte("hello"), 0o600) }, "not an innonet backup"},
		"cut short":      {func(p string) { _ = os.WriteFile(p, raw[:len(raw)/2], 0o600) }, "damaged"},
		"a changed byte": {func(p string) {
			rewriteArchive(t, good, p, func(name string, body []byte) []byte {
				if name == "innonet.db" {
					body[len(body)-1] ^= 0xff
				}
				return body
			})
		}, "does not match its checksum"},
		"a newer schema": {func(p string) {
			rewriteArchive(t, good, p, editManifest(t, func(m map[string]any) { m["schema_version"] = 999 }))
		}, "newer innonet"},
		"counts that disagree": {func(p string) {
			rewriteArchive(t, good, p, editManifest(t, func(m map[string]any) { m["counts"].(map[string]any)["member"] = 1000 }))
		}, "its manifest says 1000"},
		"a file the manifest lacks": {func(p string) {
			rewriteArchive(t, good, p, editManifest(t, func(m map[string]any) { m["files"] = m["files"].([]any)[1:] }))
		}, "does not list"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			archive := filepath.Join(t.TempDir(), "backup.tar.gz")
			tc.make(archive)
			target := filepath.Join(t.TempDir(), "data")
			code, _, stderr := runCmd("restore", "--from", archive, "--data", target)
			if code == 0 || !strings.Contains(stderr, tc.want) {
				t.Errorf("restore: %d %q, want an error saying %q", code, stderr, tc.want)
			}
			if _, err := os.Stat(target); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("a refused restore left %s behind: %v", target, err)
			}
			leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(target), ".innonet-restore-*"))
			if len(leftovers) > 0 {
				t.Errorf("a refused restore left %v behind", leftovers)
			}
		})
	}

	target := filepath.Join(t.TempDir(), "data")
	if code, stdout, stderr := runCmd("restore", "--from", good, "--data", target); code != 0 || !strings.Contains(stdout, "1 tombstone") {
		t.Fatalf("restore of the good backup: %d %s %s", code, stdout, stderr)
	}
	restored, err := sqlite.Open(t.Context(), filepath.Join(target, "innonet.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	source, err := sqlite.Open(t.Context(), filepath.Join(data, "innonet.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer source.Close()
	if diffs := storetest.DiffRecords(storetest.DumpAll(t, source), storetest.DumpAll(t, restored)); len(diffs) > 0 {
		t.Errorf("the restored store differs:\n  %s", strings.Join(diffs, "\n  "))
	}
}
