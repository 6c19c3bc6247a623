package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"syscall"

	"github.com/hanoi-innovation/innonet/models"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// SnapshotInfo describes a database file: its schema version and its records by kind.
type SnapshotInfo struct {
	SchemaVersion int
	Counts        models.RecordCounts
}

// SchemaVersion is the schema version this program writes.
func SchemaVersion() int {
	steps := migrations()
	return steps[len(steps)-1].version
}

// Snapshot writes a copy of the database at dbPath to outPath, which must not exist, and describes the copy.
// VACUUM INTO reads the database in one read transaction, so the copy is the database at one point in time
// even while another process (a running server) writes to it; it is compact and needs no WAL file beside it.
func Snapshot(ctx context.Context, dbPath, outPath string) (_ SnapshotInfo, err error) {
	defer models.Wrap(&err, "sqlite.Snapshot(%q)", dbPath)
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return SnapshotInfo{}, err
	}
	if _, err := os.Stat(abs); err != nil {
		return SnapshotInfo{}, fmt.Errorf("no database to snapshot: %w", err)
	}
	// Not query_only: SQLite counts the file VACUUM INTO writes as a change. The source is only read.
	q := url.Values{"_pragma": {fmt.Sprintf("busy_timeout(%d)", busyTimeoutMS)}}
	db, err := sql.Open("sqlite", (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: q.Encode()}).String())
	if err != nil {
		return SnapshotInfo{}, err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", outPath); err != nil {
		_ = os.Remove(outPath)
		var e *sqlite.Error
		if errors.As(err, &e) && e.Code()&0xff == sqlite3.SQLITE_FULL {
			return SnapshotInfo{}, fmt.Errorf("writing %s: %w (%w)", outPath, syscall.ENOSPC, err)
		}
		return SnapshotInfo{}, dbError(err)
	}
	return Inspect(ctx, outPath)
}

// Inspect reads the schema version and counts the records of a database file without changing it. A file that
// is not an innonet database is an error.
func Inspect(ctx context.Context, path string) (info SnapshotInfo, err error) {
	defer models.Wrap(&err, "sqlite.Inspect(%q)", path)
	abs, err := filepath.Abs(path)
	if err != nil {
		return info, err
	}
	db, err := sql.Open("sqlite", dsn(abs, true)+"&mode=ro")
	if err != nil {
		return info, err
	}
	defer db.Close()
	err = run(ctx, db, &sql.TxOptions{ReadOnly: true}, func(t *txn) error {
		if err := t.row("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", nil, &info.SchemaVersion); err != nil {
			return err
		}
		info.Counts, err = countRecords(t)
		return err
	})
	if err != nil {
		return info, errors.Join(errors.New("not an innonet database, or a damaged one"), err)
	}
	return info, nil
}
