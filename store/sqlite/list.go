package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/hanoi-innovation/innonet/models"
)

// filter collects the conditions of a list. Empty values do not filter.
type filter struct {
	where []string
	args  []any
}

// eq keeps the documents whose column equals v.
func (f *filter) eq(column, v string) {
	if v != "" {
		f.where = append(f.where, column+" = ?")
		f.args = append(f.args, v)
	}
}

// in keeps the documents whose column is any of vs.
func (f *filter) in(column string, vs []string) {
	if len(vs) == 0 {
		return
	}
	f.where = append(f.where, fmt.Sprintf("%s IN (?%s)", column, strings.Repeat(", ?", len(vs)-1)))
	for _, v := range vs {
		f.args = append(f.args, v)
	}
}

// sector keeps the documents that list the sector.
func (f *filter) sector(d *docTable, v string) {
	if v != "" {
		f.where = append(f.where, fmt.Sprintf("id IN (SELECT id FROM %s WHERE sector = ?)", d.sectors))
		f.args = append(f.args, v)
	}
}

func (f *filter) sql() string {
	if len(f.where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(f.where, " AND ")
}

// list reads one page of the documents that pass the filter, most recently updated first (then by id), with
// the total that pass, from one snapshot. It calls decode for each document of the page, in order.
func (s *Store) list(ctx context.Context, d *docTable, f filter, page models.Page, decode func(doc []byte, version int64) error) (total int, err error) {
	page = page.Normalized()
	err = s.read(ctx, func(t *txn) error {
		if err := t.row("SELECT COUNT(*) FROM "+d.name+f.sql(), f.args, &total); err != nil {
			return err
		}
		if total <= page.Offset() {
			return nil
		}
		rows, err := t.query("SELECT doc, version FROM "+d.name+f.sql()+" ORDER BY updated_at DESC, id LIMIT ? OFFSET ?",
			append(f.args, page.PerPage, page.Offset())...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var doc []byte
			var version int64
			if err := rows.Scan(&doc, &version); err != nil {
				return err
			}
			if err := decode(doc, version); err != nil {
				return err
			}
		}
		return rows.Err()
	})
	return total, err
}

// ListMembers returns a page of members by recency (last update first, then by id) and the total that match.
func (s *Store) ListMembers(ctx context.Context, mf models.MemberFilter) (_ []*models.Member, _ int, err error) {
	defer models.Wrap(&err, "sqlite.ListMembers")
	var f filter
	f.eq("kind", string(mf.Kind))
	f.eq("ward", mf.Ward)
	f.eq("stage", mf.Stage)
	f.eq("verification", string(mf.Verification))
	f.eq("status", string(mf.Status))
	f.sector(&s.members, mf.Sector)
	var out []*models.Member
	total, err := s.list(ctx, &s.members, f, mf.Page, func(doc []byte, version int64) error {
		m, err := decodeMember(doc, version)
		out = append(out, m)
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// ListChallenges returns a page of challenges by recency (last update first, then by id) and the total that
// match.
func (s *Store) ListChallenges(ctx context.Context, cf models.ChallengeFilter) (_ []*models.Challenge, _ int, err error) {
	defer models.Wrap(&err, "sqlite.ListChallenges")
	var f filter
	statuses := make([]string, len(cf.Statuses))
	for i, st := range cf.Statuses {
		statuses[i] = string(st)
	}
	f.in("status", statuses)
	f.eq("ward", cf.Ward)
	f.eq("posted_by", cf.PostedBy)
	f.sector(&s.challenges, cf.Sector)
	var out []*models.Challenge
	total, err := s.list(ctx, &s.challenges, f, cf.Page, func(doc []byte, version int64) error {
		c, err := decodeChallenge(doc, version)
		out = append(out, c)
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// Bounds of the limits of NotificationsAfter, NotificationsSince and DigestDue.
const (
	defaultLimit = models.MaxPerPage
	maxLimit     = 1000
)

// boundLimit returns the limit of a query: defaultLimit below 1, at most maxLimit.
func boundLimit(limit int) int {
	switch {
	case limit < 1:
		return defaultLimit
	case limit > maxLimit:
		return maxLimit
	}
	return limit
}
