package sqlite

import (
	"database/sql"
	"path/filepath"
	"testing"
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
