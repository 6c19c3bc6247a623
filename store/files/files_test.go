package files_test

import (
	"os"
	"path/filepath"
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
