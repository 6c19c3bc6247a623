// Package files keeps the bytes of attachments as files in a directory (DATA/attachments for the embedded
// deployment). Each blob is written to a temporary file named with a leading dot (which backup and migrate
// skip), synced, then linked into place, so that a reader never sees half a file and a crash leaves at most a
// temporary file behind.
package files

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"

	"github.com/hanoi-innovation/innonet/models"
)

// validKey keeps keys to plain names, so that no key reaches outside the directory.
var validKey = regexp.MustCompile(`^[A-Za-z0-9_-]{1,100}$`)

// Store is a models.BlobStore on a directory.
type Store struct {
	dir string
}

var _ models.BlobStore = (*Store)(nil)

// Open returns the blob store in dir, creating the directory (mode 0700) when it is missing.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("attachments directory: %w", err)
	}
	return &Store{dir: dir}, nil
}

// IsKey reports whether name is a key this store can hold, so whether a file named so in its directory is a
// blob (temporary files start with a dot and are not).
func IsKey(name string) bool { return validKey.MatchString(name) }

func (s *Store) path(key string) (string, error) {
	if !IsKey(key) {
		return "", models.Errorf(models.CodeInvalid, "%q is not a valid blob key", key)
	}
	return filepath.Join(s.dir, key), nil
}

// PutBlob writes the bytes under key; a taken key is a CodeConflict error.
func (s *Store) PutBlob(_ context.Context, key string, data []byte) (err error) {
	defer models.Wrap(&err, "files.PutBlob(%q)", key)
	p, err := s.path(key)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(s.dir, ".upload-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) //nolint:errcheck // gone already once linked
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Link(tmp.Name(), p); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return models.Errorf(models.CodeConflict, "a blob with this key already exists")
		}
		return err
	}
	return syncDir(s.dir)
}

// OpenBlob opens the file of key.
func (s *Store) OpenBlob(_ context.Context, key string) (_ io.ReadCloser, err error) {
	defer models.Wrap(&err, "files.OpenBlob(%q)", key)
	p, err := s.path(key)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, models.Errorf(models.CodeNotFound, "attachment not found")
	}
	return f, err
}

// DeleteBlob removes the file of key, if any.
func (s *Store) DeleteBlob(_ context.Context, key string) (err error) {
	defer models.Wrap(&err, "files.DeleteBlob(%q)", key)
	p, err := s.path(key)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
