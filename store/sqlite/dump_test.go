package sqlite_test

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
	"github.com/hanoi-innovation/innonet/store/sqlite"
)

// TestDumpCoversEveryTable fails when a migration adds a table that the dump (and so backup's counts and
// migrate --to-mongodb) does not cover: add it to dumpTables in dump.go and to Load in load.go, or to
// derivedTables when its rows are rebuilt from other records.
func TestDumpCoversEveryTable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "innonet.db")
	open(t, path)
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.QueryContext(t.Context(), "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	covered := sqlite.DumpedTables()
	for _, name := range tables {
		if !slices.Contains(covered, name) {
			t.Errorf("table %s is not covered by the dump: add it to dumpTables (store/sqlite/dump.go) and Load (load.go)", name)
		}
	}
	for _, name := range covered {
		if !slices.Contains(tables, name) {
			t.Errorf("the dump names a table %s that the schema does not have", name)
		}
	}
}

// TestSnapshotIsOnePointInTime: a snapshot taken while another connection keeps writing is a consistent
// database with every write committed before it started.
func TestSnapshotIsOnePointInTime(t *testing.T) {
	dir := t.TempDir()
	st := open(t, filepath.Join(dir, "innonet.db"))
	ctx := t.Context()
	for i := range 50 {
		m := &models.Member{ID: fmt.Sprintf("st-%d", i), Kind: models.KindStartup, Name: "Giao thông", Status: models.ProfileDraft}
		if err := st.CreateMember(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	stop := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		for i := 50; ; i++ {
			select {
			case <-stop:
				done <- nil
				return
			default:
			}
			m := &models.Member{ID: fmt.Sprintf("st-%d", i), Kind: models.KindStartup, Name: "Giao thông", Status: models.ProfileDraft}
			if err := st.CreateMember(ctx, m); err != nil {
				done <- err
				return
			}
		}
	}()
	info, err := sqlite.Snapshot(ctx, filepath.Join(dir, "innonet.db"), filepath.Join(dir, "copy.db"))
	close(stop)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if err != nil {
		t.Fatalf("Snapshot: %v", err)
	}
	if info.SchemaVersion != sqlite.SchemaVersion() || info.Counts[models.RecordMember] < 50 {
		t.Fatalf("snapshot info %+v", info)
	}
	cp := open(t, filepath.Join(dir, "copy.db"))
	last, err := cp.LastSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if last != int64(info.Counts[models.RecordMember]) {
		t.Errorf("the copy has %d members but its change feed ends at %d", info.Counts[models.RecordMember], last)
	}
	if _, err := sqlite.Snapshot(ctx, filepath.Join(dir, "innonet.db"), filepath.Join(dir, "copy.db")); err == nil {
		t.Error("a snapshot over an existing file succeeded")
	}
}
