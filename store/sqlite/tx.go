package sqlite

import (
	"context"
	"database/sql"
)

// txn is a transaction that prepares each statement once, for batches that run the same statements many times.
type txn struct {
	ctx   context.Context
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

func (t *txn) stmt(query string) (*sql.Stmt, error) {
	if st, ok := t.stmts[query]; ok {
		return st, nil
	}
	st, err := t.tx.PrepareContext(t.ctx, query)
	if err != nil {
		return nil, err
	}
	t.stmts[query] = st
	return st, nil
}

// exec runs a statement and returns how many rows it changed.
func (t *txn) exec(query string, args ...any) (int64, error) {
	st, err := t.stmt(query)
	if err != nil {
		return 0, err
	}
	res, err := st.ExecContext(t.ctx, args...)
	if err != nil {
		return 0, dbError(err)
	}
	return res.RowsAffected()
}

// row runs a query for one row and scans it into dest.
func (t *txn) row(query string, args []any, dest ...any) error {
	st, err := t.stmt(query)
	if err != nil {
		return err
	}
	return dbError(st.QueryRowContext(t.ctx, args...).Scan(dest...))
}

// query runs a query for many rows.
func (t *txn) query(query string, args ...any) (*sql.Rows, error) {
	st, err := t.stmt(query)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(t.ctx, args...)
	return rows, dbError(err)
}

// write runs f in a transaction of the writer connection, which takes the write lock at once.
func (s *Store) write(ctx context.Context, f func(t *txn) error) error {
	return run(ctx, s.w, nil, f)
}

// read runs f in a read-only transaction: everything f reads comes from one snapshot.
func (s *Store) read(ctx context.Context, f func(t *txn) error) error {
	return run(ctx, s.r, &sql.TxOptions{ReadOnly: true}, f)
}

func run(ctx context.Context, db *sql.DB, opts *sql.TxOptions, f func(t *txn) error) error {
	tx, err := db.BeginTx(ctx, opts)
	if err != nil {
		return dbError(err)
	}
	if err := f(&txn{ctx: ctx, tx: tx, stmts: map[string]*sql.Stmt{}}); err != nil {
		_ = tx.Rollback()
		return err
	}
	return dbError(tx.Commit())
}

// each runs a query for many rows and calls scan for each of them, in order.
func (t *txn) each(query string, args []any, scan func(rows *sql.Rows) error) error {
	rows, err := t.query(query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// writeOne runs a write that must change exactly one row; none is a not found error for what.
func (s *Store) writeOne(ctx context.Context, what, query string, args ...any) error {
	return s.write(ctx, func(t *txn) error {
		n, err := t.exec(query, args...)
		if err == nil && n == 0 {
			return notFound(what)
		}
		return err
	})
}
