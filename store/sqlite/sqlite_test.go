package sqlite_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
	"github.com/hanoi-innovation/innonet/store/sqlite"
	"github.com/hanoi-innovation/innonet/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) models.Store { return open(t, filepath.Join(t.TempDir(), "innonet.db")) },
		storetest.Capabilities{Concurrency: true})
}

// open opens a store at path and closes it when the test ends.
func open(t testing.TB, path string) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return st
}

func TestReopenKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nested", "data dir #1 ?x", "innonet.db")
	st, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	m := &models.Member{ID: "st-1", Kind: models.KindStartup, Name: "Giao thông Xanh", Sectors: []string{"mobility"}}
	if err := st.CreateMember(t.Context(), m); err != nil {
		t.Fatalf("CreateMember: %v", err)
	}
	if err := st.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the database is not at its path: %v", err)
	}
	st = open(t, path)
	got, err := st.Member(t.Context(), "st-1")
	if err != nil || got.Name != m.Name || got.Version != 1 {
		t.Fatalf("Member after reopening = %+v, %v", got, err)
	}
	if seq, err := st.LastSeq(t.Context()); err != nil || seq != 1 {
		t.Errorf("LastSeq after reopening = %d, %v; want 1", seq, err)
	}
}

func TestTwoStoresShareAFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "innonet.db")
	a, b := open(t, path), open(t, path)
	ctx := t.Context()
	for i, st := range []*sqlite.Store{a, b, a} {
		m := &models.Member{ID: fmt.Sprintf("st-%d", i), Kind: models.KindStartup, Name: "Member"}
		if err := st.CreateMember(ctx, m); err != nil {
			t.Fatalf("CreateMember via store %d: %v", i, err)
		}
	}
	changes, err := b.Changes(ctx, 0, 10)
	if err != nil || len(changes) != 3 || changes[2].Seq != 3 || changes[2].ID != "st-2" {
		t.Errorf("Changes seen by the second store = %+v, %v; want st-0..st-2 at seq 1..3", changes, err)
	}
}
