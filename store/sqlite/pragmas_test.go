package sqlite

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

func TestPragmas(t *testing.T) {
	st, err := Open(t.Context(), filepath.Join(t.TempDir(), "innonet.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = st.Close() })
	cases := []struct {
		db     *sql.DB
		pragma string
		want   string
	}{
		{st.w, "journal_mode", "wal"},
		{st.w, "synchronous", "2"},
		{st.w, "foreign_keys", "1"},
		{st.w, "busy_timeout", "10000"},
		{st.w, "query_only", "0"},
		{st.r, "foreign_keys", "1"},
		{st.r, "busy_timeout", "10000"},
		{st.r, "query_only", "1"},
	}
	for _, c := range cases {
		var got string
		if err := c.db.QueryRowContext(t.Context(), "PRAGMA "+c.pragma).Scan(&got); err != nil {
			t.Fatalf("PRAGMA %s: %v", c.pragma, err)
		}
		if got != c.want {
			t.Errorf("PRAGMA %s = %s, want %s", c.pragma, got, c.want)
		}
	}
}

func TestMigrations(t *testing.T) {
	path := filepath.Join(t.TempDir(), "innonet.db")
	steps := migrations()
	for i := range 2 {
		st, err := Open(t.Context(), path)
		if err != nil {
			t.Fatalf("Open #%d: %v", i+1, err)
		}
		var n, latest int
		if err := st.r.QueryRowContext(t.Context(), "SELECT COUNT(*), MAX(version) FROM schema_migrations").Scan(&n, &latest); err != nil {
			t.Fatalf("schema_migrations: %v", err)
		}
		if n != len(steps) || latest != steps[len(steps)-1].version {
			t.Errorf("Open #%d: %d steps up to %d, want %d up to %d", i+1, n, latest, len(steps), steps[len(steps)-1].version)
		}
		if i == 1 {
			if _, err := st.w.ExecContext(t.Context(), "INSERT INTO schema_migrations VALUES (999, 'from the future', 0)"); err != nil {
				t.Fatalf("insert: %v", err)
			}
		}
		if err := st.Close(); err != nil {
			t.Fatalf("Close: %v", err)
		}
	}
	if _, err := Open(t.Context(), path); err == nil {
		t.Fatal("Open succeeded on a database newer than the program")
	}
}

// TestMembersByIDSeeksEachMember wants the batch read to look each id up rather than scan the members,
// even when the table's statistics are stale (taken when it held the demo data, before a large import).
func TestMembersByIDSeeksEachMember(t *testing.T) {
	st, err := Open(t.Context(), filepath.Join(t.TempDir(), "innonet.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = st.Close() })
	for i := range 100 {
		m := &models.Member{ID: fmt.Sprintf("st-%03d", i), Kind: models.KindStartup, Name: "Startup", Status: models.ProfilePublished}
		if err := st.CreateMember(t.Context(), m); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{"ANALYZE", "UPDATE sqlite_stat1 SET stat = '68 1' WHERE idx = 'sqlite_autoindex_members_1'",
		"ANALYZE sqlite_schema"} {
		if _, err := st.w.ExecContext(t.Context(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	rows, err := st.w.QueryContext(t.Context(), "EXPLAIN QUERY PLAN "+membersByIDQuery, `["st-001"]`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if !slices.ContainsFunc(plan, func(d string) bool { return strings.HasPrefix(d, "SEARCH m USING") }) {
		t.Errorf("plan %q does not look the members up by id", plan)
	}
}
