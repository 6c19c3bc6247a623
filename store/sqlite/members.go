package sqlite

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/hanoi-innovation/innonet/models"
)

func memberTable() docTable {
	return newDocTable(models.EntityMember, "member", "members", "member_sectors",
		[]string{"kind", "status", "verification", "ward", "stage", "updated_at"})
}

// memberRow returns the member as written: its columns in the order of memberTable.
func memberRow(m *models.Member) (row, error) {
	doc, err := memberDoc(m)
	if err != nil {
		return row{}, err
	}
	cols := []any{string(m.Kind), string(m.Status), string(m.Verification), m.Ward, m.Stage, ms(m.UpdatedAt)}
	return row{id: m.ID, cols: cols, sectors: m.Sectors, doc: string(doc)}, nil
}

// CreateMember stores a new member at version 1. A taken id is a conflict.
func (s *Store) CreateMember(ctx context.Context, m *models.Member) (err error) {
	defer models.Wrap(&err, "sqlite.CreateMember(%q)", m.ID)
	r, err := memberRow(m)
	if err != nil {
		return err
	}
	if err := s.write(ctx, func(t *txn) error { return t.insertDoc(&s.members, r) }); err != nil {
		return err
	}
	m.Version = 1
	return nil
}

// Member returns a member, drafts included.
func (s *Store) Member(ctx context.Context, id string) (m *models.Member, err error) {
	defer models.Wrap(&err, "sqlite.Member(%q)", id)
	err = s.read(ctx, func(t *txn) error {
		doc, version, err := t.getDoc(&s.members, id)
		if err != nil {
			return err
		}
		m, err = decodeMember(doc, version)
		return err
	})
	return m, err
}

// membersByIDQuery reads the members whose ids are in a JSON list. CROSS JOIN keeps the order of the join:
// without it SQLite scans every member and probes the list.
const membersByIDQuery = "SELECT m.doc, m.version FROM json_each(?) AS j CROSS JOIN members AS m ON m.id = j.value"

// MembersByID returns the members with these ids that exist, drafts included, from one snapshot.
func (s *Store) MembersByID(ctx context.Context, ids []string) (ms []*models.Member, err error) {
	defer models.Wrap(&err, "sqlite.MembersByID(%d ids)", len(ids))
	list, err := json.Marshal(slices.Compact(slices.Sorted(slices.Values(ids))))
	if err != nil {
		return nil, err
	}
	err = s.read(ctx, func(t *txn) error {
		rows, err := t.query(membersByIDQuery, string(list))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var doc []byte
			var version int64
			if err := rows.Scan(&doc, &version); err != nil {
				return dbError(err)
			}
			m, err := decodeMember(doc, version)
			if err != nil {
				return err
			}
			ms = append(ms, m)
		}
		return dbError(rows.Err())
	})
	return ms, err
}

// UpdateMember writes m if the stored version is still m.Version, then increments m.Version.
func (s *Store) UpdateMember(ctx context.Context, m *models.Member) (err error) {
	defer models.Wrap(&err, "sqlite.UpdateMember(%q)", m.ID)
	r, err := memberRow(m)
	if err != nil {
		return err
	}
	if err := s.write(ctx, func(t *txn) error { return t.updateDoc(&s.members, r, m.Version) }); err != nil {
		return err
	}
	m.Version++
	return nil
}

// DeleteMember removes a member if its stored version is version, and leaves a tombstone in the change feed.
func (s *Store) DeleteMember(ctx context.Context, id string, version int64) (err error) {
	defer models.Wrap(&err, "sqlite.DeleteMember(%q)", id)
	return s.write(ctx, func(t *txn) error { return t.deleteDoc(&s.members, id, version) })
}

// UpsertMembers writes members by id in one transaction: new ones at version 1, existing ones replaced at their
// version + 1. Each member's Version is set to its stored version.
func (s *Store) UpsertMembers(ctx context.Context, members []*models.Member) (err error) {
	defer models.Wrap(&err, "sqlite.UpsertMembers(%d members)", len(members))
	if len(members) == 0 {
		return nil
	}
	rows := make([]row, len(members))
	for i, m := range members {
		if rows[i], err = memberRow(m); err != nil {
			return err
		}
	}
	versions, err := s.upsert(ctx, &s.members, rows)
	if err != nil {
		return err
	}
	for i, m := range members {
		m.Version = versions[i]
	}
	return nil
}
