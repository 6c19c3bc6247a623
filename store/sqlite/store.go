// Package sqlite is innonet's embedded store: one SQLite file (modernc.org/sqlite, pure Go) in WAL mode with
// synchronous=FULL, so an acknowledged write survives a crash of the process or the machine.
//
// Members and challenges are kept as JSON documents beside the columns that lists filter and sort on, with a
// join table per sector list. Every write to them also moves the entity's row in the changes table to a new,
// store-assigned sequence number in the same transaction: the table holds one row per entity, its latest
// change, and a tombstone once it is deleted.
//
// Writes go through a single connection, so they are serialized in the process and never meet SQLITE_BUSY from
// one another; reads use a pool of read-only connections and see a consistent snapshot each. Claims of mails
// and jobs are atomic (one write transaction selects what is due and leases it), a job commits in the
// transaction of the update that caused it, and notification Seqs follow the order of commits. Times are stored
// at millisecond precision and read back in UTC, as in the MongoDB store.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/hanoi-innovation/innonet/models"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// busyTimeoutMS is how long a connection waits for a lock held by another process before it gives up.
const busyTimeoutMS = 10000

// Store implements models.Store on one SQLite file. It is safe for concurrent use.
type Store struct {
	w          *sql.DB // the one writer connection
	r          *sql.DB // read-only connections
	members    docTable
	challenges docTable
}

var _ models.Store = (*Store)(nil)

// Open opens the database at path, creating it and its parent directory when missing, and brings its schema
// up to date.
func Open(ctx context.Context, path string) (_ *Store, err error) {
	defer models.Wrap(&err, "sqlite.Open(%q)", path)
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o750); err != nil {
		return nil, err
	}
	w, err := sql.Open("sqlite", dsn(abs, false))
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	if err := checkWAL(ctx, w); err != nil {
		return nil, errors.Join(err, w.Close())
	}
	if err := migrate(ctx, w); err != nil {
		return nil, errors.Join(err, w.Close())
	}
	r, err := sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		return nil, errors.Join(err, w.Close())
	}
	r.SetMaxOpenConns(max(4, runtime.GOMAXPROCS(0)))
	return &Store{w: w, r: r, members: memberTable(), challenges: challengeTable()}, nil
}

// dsn returns the URI that opens the file with innonet's pragmas: WAL, synchronous=FULL, foreign keys, a busy
// timeout, and BEGIN IMMEDIATE for the writer so that a transaction takes the write lock before it reads.
func dsn(path string, readOnly bool) string {
	q := url.Values{"_pragma": {
		fmt.Sprintf("busy_timeout(%d)", busyTimeoutMS),
		"foreign_keys(1)",
		"synchronous(FULL)",
	}}
	if readOnly {
		q.Set("_query_only", "1")
	} else {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "cache_size(-32768)")
		q.Set("_txlock", "immediate")
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path), RawQuery: q.Encode()}).String()
}

// checkWAL fails unless the database is in WAL mode: a file on a filesystem without shared memory would
// silently fall back to a rollback journal, and readers would then block the writer.
func checkWAL(ctx context.Context, db *sql.DB) error {
	var mode string
	if err := db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return err
	}
	if !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("journal mode is %q, want wal", mode)
	}
	return nil
}

// Ping reports whether the database answers, for reads and for writes.
func (s *Store) Ping(ctx context.Context) (err error) {
	defer models.Wrap(&err, "sqlite.Ping")
	for _, db := range []*sql.DB{s.r, s.w} {
		var one int
		if err := db.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
			return &models.Error{Code: models.CodeUnavailable, Message: "the database does not answer", Err: err}
		}
	}
	return nil
}

// Close lets SQLite refresh its query planner statistics, then closes every connection.
func (s *Store) Close() error {
	_, optErr := s.w.Exec("PRAGMA optimize")
	return errors.Join(s.r.Close(), s.w.Close(), optErr)
}
