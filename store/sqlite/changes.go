package sqlite

import (
	"context"
	"database/sql"

	"github.com/hanoi-innovation/innonet/models"
)

// Page sizes of the change feed.
const (
	defaultChangesLimit = 100
	maxChangesLimit     = 10000
)

// Changes returns up to limit changes with Seq > after, in increasing Seq order: for each member or challenge
// written since after, its latest change only (its current document, or a tombstone once deleted). A limit out
// of (0, 1000] means 100 when not positive, 1000 when larger.
func (s *Store) Changes(ctx context.Context, after int64, limit int) (out []models.Change, err error) {
	defer models.Wrap(&err, "sqlite.Changes(%d)", after)
	switch {
	case limit <= 0:
		limit = defaultChangesLimit
	case limit > maxChangesLimit:
		limit = maxChangesLimit
	}
	err = s.read(ctx, func(t *txn) error {
		rows, err := t.query(`SELECT c.seq, c.entity, c.entity_id, c.deleted,
				COALESCE(m.doc, ch.doc), COALESCE(m.version, ch.version)
			FROM changes c
			LEFT JOIN members m ON c.entity = 'member' AND m.id = c.entity_id
			LEFT JOIN challenges ch ON c.entity = 'challenge' AND ch.id = c.entity_id
			WHERE c.seq > ? ORDER BY c.seq LIMIT ?`, after, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			c, err := scanChange(rows)
			if err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

func scanChange(rows *sql.Rows) (models.Change, error) {
	var (
		c       models.Change
		entity  string
		doc     []byte
		version sql.NullInt64
	)
	if err := rows.Scan(&c.Seq, &entity, &c.ID, &c.Deleted, &doc, &version); err != nil {
		return c, err
	}
	c.Type = models.EntityType(entity)
	if c.Deleted || doc == nil {
		c.Deleted = true
		return c, nil
	}
	var err error
	switch c.Type {
	case models.EntityMember:
		c.Member, err = decodeMember(doc, version.Int64)
	case models.EntityChallenge:
		c.Challenge, err = decodeChallenge(doc, version.Int64)
	}
	return c, err
}

// LastSeq returns the Seq of the newest change, 0 when nothing was written.
func (s *Store) LastSeq(ctx context.Context) (seq int64, err error) {
	defer models.Wrap(&err, "sqlite.LastSeq")
	err = s.read(ctx, func(t *txn) error {
		return t.row("SELECT COALESCE(MAX(seq), 0) FROM changes", nil, &seq)
	})
	return seq, err
}
