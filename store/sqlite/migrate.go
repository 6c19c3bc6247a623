package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// migration is one step of the schema. Steps are applied in order, each in its own transaction, and recorded
// in schema_migrations; a step is never edited once released, only followed by new ones.
type migration struct {
	version int
	name    string
	sql     string
}

// migrate applies the steps the database lacks, each one that is not recorded (not only those above the
// highest recorded: steps made on parallel branches may land out of order). It is safe to run at every
// start, by several processes at once: each step runs under the write lock and checks whether it is missing.
func migrate(ctx context.Context, db *sql.DB) error {
	const table = `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at INTEGER NOT NULL
	) STRICT`
	if _, err := db.ExecContext(ctx, table); err != nil {
		return fmt.Errorf("schema_migrations: %w", err)
	}
	steps := migrations()
	var current int
	if err := db.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&current); err != nil {
		return fmt.Errorf("schema version: %w", err)
	}
	if latest := steps[len(steps)-1].version; current > latest {
		return fmt.Errorf("the database has schema version %d, newer than this program's %d", current, latest)
	}
	for _, m := range steps {
		if err := apply(ctx, db, m); err != nil {
			return fmt.Errorf("migration %d (%s): %w", m.version, m.name, err)
		}
	}
	return nil
}

// apply runs one step unless another process already did.
func apply(ctx context.Context, db *sql.DB, m migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	var done int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM schema_migrations WHERE version = ?", m.version).Scan(&done); err != nil {
		return err
	}
	if done > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
		m.version, m.name, time.Now().UnixMilli()); err != nil {
		return err
	}
	return tx.Commit()
}
