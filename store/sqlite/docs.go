package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/hanoi-innovation/innonet/models"
)

// docTable is a table of JSON documents with indexed columns and a join table of sectors: the SQL to write and
// read one, built once from the table's shape.
type docTable struct {
	entity  models.EntityType
	what    string
	name    string
	sectors string

	insert, update, upsert, remove, version, get string
	load                                         string // insert at a given version (Load)
	clearSectors, addSector                      string
}

// row is one document ready to write: its id, its indexed columns in the table's order, its sectors.
type row struct {
	id      string
	cols    []any
	sectors []string
	doc     string
}

func newDocTable(entity models.EntityType, what, name, sectors string, columns []string) docTable {
	cols := strings.Join(columns, ", ")
	marks := strings.Repeat(", ?", len(columns))
	sets := make([]string, len(columns))
	upserts := make([]string, len(columns))
	for i, c := range columns {
		sets[i] = c + " = ?"
		upserts[i] = c + " = excluded." + c
	}
	return docTable{
		entity:  entity,
		what:    what,
		name:    name,
		sectors: sectors,
		insert:  fmt.Sprintf("INSERT INTO %s (id, %s, doc, version) VALUES (?%s, ?, 1)", name, cols, marks),
		update: fmt.Sprintf("UPDATE %s SET %s, doc = ?, version = version + 1 WHERE id = ? AND version = ?",
			name, strings.Join(sets, ", ")),
		upsert: fmt.Sprintf("INSERT INTO %s (id, %s, doc, version) VALUES (?%s, ?, 1) ON CONFLICT (id) DO UPDATE SET %s, "+
			"doc = excluded.doc, version = %[1]s.version + 1 RETURNING version", name, cols, marks, strings.Join(upserts, ", ")),
		load:         fmt.Sprintf("INSERT INTO %s (id, %s, doc, version) VALUES (?%s, ?, ?)", name, cols, marks),
		remove:       fmt.Sprintf("DELETE FROM %s WHERE id = ? AND version = ?", name),
		version:      fmt.Sprintf("SELECT version FROM %s WHERE id = ?", name),
		get:          fmt.Sprintf("SELECT doc, version FROM %s WHERE id = ?", name),
		clearSectors: fmt.Sprintf("DELETE FROM %s WHERE id = ?", sectors),
		addSector:    fmt.Sprintf("INSERT OR IGNORE INTO %s (sector, id) VALUES (?, ?)", sectors),
	}
}

// insertDoc creates a document at version 1.
func (t *txn) insertDoc(d *docTable, r row) error {
	args := append(append([]any{r.id}, r.cols...), r.doc)
	if _, err := t.exec(d.insert, args...); err != nil {
		if models.ErrorCode(err) == models.CodeConflict {
			return conflict("/id", fmt.Sprintf("a %s with the id %q already exists", d.what, r.id))
		}
		return err
	}
	return t.written(d, r, true)
}

// updateDoc replaces a document if its stored version is still version.
func (t *txn) updateDoc(d *docTable, r row, version int64) error {
	args := append(append(r.cols[:len(r.cols):len(r.cols)], r.doc), r.id, version)
	n, err := t.exec(d.update, args...)
	if err != nil {
		return err
	}
	if n == 0 {
		return t.missingOrStale(d, r.id)
	}
	return t.written(d, r, false)
}

// upsertDoc creates a document at version 1 or replaces it at its version + 1, and returns the new version.
func (t *txn) upsertDoc(d *docTable, r row) (int64, error) {
	var version int64
	if err := t.row(d.upsert, append(append([]any{r.id}, r.cols...), r.doc), &version); err != nil {
		return 0, err
	}
	return version, t.written(d, r, version == 1)
}

// upsert writes rows in one transaction and returns their new versions.
func (s *Store) upsert(ctx context.Context, d *docTable, rows []row) ([]int64, error) {
	versions := make([]int64, len(rows))
	err := s.write(ctx, func(t *txn) error {
		for i, r := range rows {
			v, err := t.upsertDoc(d, r)
			if err != nil {
				return err
			}
			versions[i] = v
		}
		return nil
	})
	return versions, err
}

// deleteDoc removes a document if its stored version is still version, and leaves a tombstone.
func (t *txn) deleteDoc(d *docTable, id string, version int64) error {
	n, err := t.exec(d.remove, id, version)
	if err != nil {
		return err
	}
	if n == 0 {
		return t.missingOrStale(d, id)
	}
	return t.changed(d.entity, id, true)
}

// getDoc returns a stored document and its version.
func (t *txn) getDoc(d *docTable, id string) (doc []byte, version int64, err error) {
	err = t.row(d.get, []any{id}, &doc, &version)
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil, 0, notFound(d.what)
	}
	return doc, version, err
}

// missingOrStale tells why a conditional write changed nothing.
func (t *txn) missingOrStale(d *docTable, id string) error {
	var v int64
	switch err := t.row(d.version, []any{id}, &v); {
	case err == nil:
		return staleVersion(d.what)
	case models.ErrorCode(err) == models.CodeNotFound:
		return notFound(d.what)
	default:
		return err
	}
}

// written updates the sectors of a document just written and records the change. A document created just now
// (fresh) has no sector rows yet: those of a deleted one went with it (ON DELETE CASCADE).
func (t *txn) written(d *docTable, r row, fresh bool) error {
	if !fresh {
		if _, err := t.exec(d.clearSectors, r.id); err != nil {
			return err
		}
	}
	for _, s := range r.sectors {
		if _, err := t.exec(d.addSector, s, r.id); err != nil {
			return err
		}
	}
	return t.changed(d.entity, r.id, false)
}

// changed moves the entity's row of the change feed to the next sequence number.
func (t *txn) changed(entity models.EntityType, id string, deleted bool) error {
	_, err := t.exec("REPLACE INTO changes (entity, entity_id, deleted) VALUES (?, ?, ?)", string(entity), id, deleted)
	return err
}
