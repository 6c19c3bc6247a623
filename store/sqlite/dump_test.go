package sqlite_test

import (
	"database/sql"
	"path/filepath"
	"slices"
	"testing"

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
