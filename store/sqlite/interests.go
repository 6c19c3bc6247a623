package sqlite

import (
	"context"
	"database/sql"

	"github.com/hanoi-innovation/innonet/models"
)

// interestIDPrefix prefixes the ids the store gives to interests that have none.
const interestIDPrefix = "in"

const interestColumns = "id, challenge_id, member_id, account_id, kind, message, status, created_at, updated_at, version"

// interestRow receives a row of interestColumns.
type interestRow struct {
	i                models.Interest
	created, updated int64
}

func (r *interestRow) dest() []any {
	return []any{&r.i.ID, &r.i.ChallengeID, &r.i.MemberID, &r.i.AccountID, &r.i.Kind, &r.i.Message, &r.i.Status,
		&r.created, &r.updated, &r.i.Version}
}

func (r *interestRow) model() *models.Interest {
	i := r.i
	i.CreatedAt, i.UpdatedAt = fromMS(r.created), fromMS(r.updated)
	return &i
}

// CreateInterest stores a new interest at version 1, giving it an id if it has none. A second interest of the
// member in the challenge, or a taken id, is a conflict.
func (s *Store) CreateInterest(ctx context.Context, i *models.Interest) (err error) {
	defer models.Wrap(&err, "sqlite.CreateInterest(%q, %q)", i.ChallengeID, i.MemberID)
	if i.ID == "" {
		i.ID = models.NewID(interestIDPrefix)
	}
	if err := s.write(ctx, func(t *txn) error { return t.createInterest(i) }); err != nil {
		return err
	}
	i.Version = 1
	return nil
}

// createInterest inserts i at version 1 in the transaction.
func (t *txn) createInterest(i *models.Interest) error {
	var n int
	if err := t.row("SELECT COUNT(*) FROM interests WHERE challenge_id = ? AND member_id = ?",
		[]any{i.ChallengeID, i.MemberID}, &n); err != nil {
		return err
	}
	if n > 0 {
		return models.Errorf(models.CodeConflict, "the member already responded to this challenge")
	}
	_, err := t.exec("INSERT INTO interests ("+interestColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
		i.ID, i.ChallengeID, i.MemberID, i.AccountID, string(i.Kind), i.Message, string(i.Status),
		ms(i.CreatedAt), ms(i.UpdatedAt))
	if models.ErrorCode(err) == models.CodeConflict {
		return conflict("/id", "an interest with this id already exists")
	}
	return err
}

// Interest returns the interest with the id.
func (s *Store) Interest(ctx context.Context, id string) (_ *models.Interest, err error) {
	defer models.Wrap(&err, "sqlite.Interest(%q)", id)
	return s.interest(ctx, "id = ?", id)
}

// InterestFor returns the interest of a member in a challenge.
func (s *Store) InterestFor(ctx context.Context, challengeID, memberID string) (_ *models.Interest, err error) {
	defer models.Wrap(&err, "sqlite.InterestFor(%q, %q)", challengeID, memberID)
	return s.interest(ctx, "challenge_id = ? AND member_id = ?", challengeID, memberID)
}

func (s *Store) interest(ctx context.Context, where string, args ...any) (*models.Interest, error) {
	var r interestRow
	err := s.read(ctx, func(t *txn) error {
		return t.row("SELECT "+interestColumns+" FROM interests WHERE "+where, args, r.dest()...)
	})
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil, notFound("interest")
	}
	if err != nil {
		return nil, err
	}
	return r.model(), nil
}

// UpdateInterest writes i if the stored version is still i.Version, then increments i.Version.
func (s *Store) UpdateInterest(ctx context.Context, i *models.Interest) (err error) {
	defer models.Wrap(&err, "sqlite.UpdateInterest(%q)", i.ID)
	if err := s.write(ctx, func(t *txn) error { return t.updateInterest(i) }); err != nil {
		return err
	}
	i.Version++
	return nil
}

// updateInterest writes i in the transaction if the stored version is still i.Version.
func (t *txn) updateInterest(i *models.Interest) error {
	n, err := t.exec("UPDATE interests SET challenge_id = ?, member_id = ?, account_id = ?, kind = ?, message = ?, "+
		"status = ?, created_at = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
		i.ChallengeID, i.MemberID, i.AccountID, string(i.Kind), i.Message, string(i.Status), ms(i.CreatedAt),
		ms(i.UpdatedAt), i.ID, i.Version)
	if err != nil || n > 0 {
		return err
	}
	return t.staleOrMissing("interests", "interest", i.ID)
}

// ListInterests returns a page of the interests of a challenge or of a member, newest first (then by id), and
// the total that match.
func (s *Store) ListInterests(ctx context.Context, f models.InterestFilter) (out []*models.Interest, total int, err error) {
	defer models.Wrap(&err, "sqlite.ListInterests(%q, %q)", f.ChallengeID, f.MemberID)
	var w filter
	w.eq("challenge_id", f.ChallengeID)
	w.eq("member_id", f.MemberID)
	page := f.Page.Normalized()
	err = s.read(ctx, func(t *txn) error {
		if err := t.row("SELECT COUNT(*) FROM interests"+w.sql(), w.args, &total); err != nil {
			return err
		}
		query := "SELECT " + interestColumns + " FROM interests" + w.sql() + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?"
		return t.each(query, append(w.args, page.PerPage, page.Offset()), func(rows *sql.Rows) error {
			var r interestRow
			if err := rows.Scan(r.dest()...); err != nil {
				return err
			}
			out = append(out, r.model())
			return nil
		})
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// staleOrMissing tells why a conditional write to the row with the id changed nothing: a stale version
// (conflict) or no such row (not found).
func (t *txn) staleOrMissing(table, what, id string) error {
	var one int
	switch err := t.row("SELECT 1 FROM "+table+" WHERE id = ?", []any{id}, &one); {
	case err == nil:
		return staleVersion(what)
	case models.ErrorCode(err) == models.CodeNotFound:
		return notFound(what)
	default:
		return err
	}
}
