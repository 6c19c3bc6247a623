package files_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
	"github.com/hanoi-innovation/innonet/store/files"
	"github.com/hanoi-innovation/innonet/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.RunBlobs(t, func(t *testing.T) models.BlobStore {
		s, err := files.Open(filepath.Join(t.TempDir(), "attachments"))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// TestKeysStayInside checks that no key reaches outside the directory.
func TestKeysStayInside(t *testing.T) {
	dir := t.TempDir()
	s, err := files.Open(filepath.Join(dir, "attachments"))
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"../escape", "a/b", "", ".hidden", "x\x00y"} {
		if err := s.PutBlob(t.Context(), key, []byte("x")); models.ErrorCode(err) != models.CodeInvalid {
			t.Errorf("PutBlob(%q): %v, want an invalid key", key, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "escape")); err == nil {
		t.Error("a key wrote outside the directory")
	}
}

// TestNoHalfWrittenFile: while blobs are written, every file of the directory that is not dot-named (what a
// backup or a migration copies) is complete: blobs are written under a dot-name and then linked into place.
func TestNoHalfWrittenFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "attachments")
	s, err := files.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	data := bytes.Repeat([]byte("%PDF-1.7 innonet "), 1<<16) // about a megabyte, written in several syscalls
	done := make(chan error, 1)
	go func() {
		for i := range 20 {
			if err := s.PutBlob(t.Context(), fmt.Sprintf("at-%d", i), data); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	seenTemp, checked := false, 0
	for running := true; running; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			running = false
		default:
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".") {
				seenTemp = true
				continue
			}
			info, err := e.Info()
			if err != nil {
				continue
			}
			checked++
			if info.Size() != int64(len(data)) {
				t.Fatalf("%s is visible with %d of its %d bytes", e.Name(), info.Size(), len(data))
			}
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 20 {
		t.Errorf("%d files after 20 blobs, want 20 and no temporary file left: %v", len(entries), entries)
	}
	t.Logf("%d checks of a visible blob, a temporary dot-file seen: %v", checked, seenTemp)
}
