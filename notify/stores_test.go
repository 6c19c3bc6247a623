package notify

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/hanoi-innovation/innonet/store/sqlite"
)

// testStore names a store that the store-dependent tests run against.
type testStore struct {
	name string
	open func(t *testing.T) DigestStore
}

// testStores lists the stores: the in-memory fake, which follows the documented contracts, and the real
// SQLite adapter in a temporary directory.
func testStores() []testStore {
	return []testStore{
		{"memory", func(*testing.T) DigestStore { return newMemStore() }},
		{"sqlite", func(t *testing.T) DigestStore {
			s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "innonet.db"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = s.Close() })
			return s
		}},
	}
}
