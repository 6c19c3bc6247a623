package sqlite

import (
	"context"
	"database/sql"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

const claimColumns = "id, member_id, account_id, message, status, created_at, decided_at, decided_by"

type claimRow struct {
	r       models.ClaimRequest
	created int64
	decided sql.NullInt64
}

func (c *claimRow) dest() []any {
	return []any{&c.r.ID, &c.r.MemberID, &c.r.AccountID, &c.r.Message, &c.r.Status, &c.created, &c.decided, &c.r.DecidedBy}
}

func (c *claimRow) model() *models.ClaimRequest {
	r := c.r
	r.CreatedAt, r.DecidedAt = fromMS(c.created), fromMSPtr(c.decided)
	return &r
}

// CreateClaimRequest stores a request to claim a profile. A taken id is a conflict.
func (s *Store) CreateClaimRequest(ctx context.Context, r *models.ClaimRequest) (err error) {
	defer models.Wrap(&err, "sqlite.CreateClaimRequest(%q)", r.MemberID)
	if r.ID == "" {
		r.ID = models.NewID("cr")
	}
	return s.write(ctx, func(t *txn) error {
		_, err := t.exec("INSERT INTO claim_requests ("+claimColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			r.ID, r.MemberID, r.AccountID, r.Message, string(r.Status), ms(r.CreatedAt), msPtr(r.DecidedAt), r.DecidedBy)
		if models.ErrorCode(err) == models.CodeConflict {
			return conflict("/id", "a claim request with this id already exists")
		}
		return err
	})
}

// ClaimRequest returns the request with the id.
func (s *Store) ClaimRequest(ctx context.Context, id string) (_ *models.ClaimRequest, err error) {
	defer models.Wrap(&err, "sqlite.ClaimRequest(%q)", id)
	var r *models.ClaimRequest
	err = s.read(ctx, func(t *txn) error {
		r, err = t.claimRequest(id)
		return err
	})
	return r, err
}

func (t *txn) claimRequest(id string) (*models.ClaimRequest, error) {
	var c claimRow
	err := t.row("SELECT "+claimColumns+" FROM claim_requests WHERE id = ?", []any{id}, c.dest()...)
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil, notFound("claim request")
	}
	if err != nil {
		return nil, err
	}
	return c.model(), nil
}

// ListClaimRequests returns a page of requests, newest first, with the status (any when empty).
func (s *Store) ListClaimRequests(ctx context.Context, status models.ClaimStatus, page models.Page) (_ []*models.ClaimRequest, total int, err error) {
	defer models.Wrap(&err, "sqlite.ListClaimRequests(%q)", status)
	page = page.Normalized()
	where, args := "", []any{}
	if status != "" {
		where, args = " WHERE status = ?", append(args, string(status))
	}
	var out []*models.ClaimRequest
	err = s.read(ctx, func(t *txn) error {
		if err := t.row("SELECT COUNT(*) FROM claim_requests"+where, args, &total); err != nil {
			return err
		}
		return t.each("SELECT "+claimColumns+" FROM claim_requests"+where+" ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
			append(args, page.PerPage, page.Offset()), func(rows *sql.Rows) error {
				var c claimRow
				if err := rows.Scan(c.dest()...); err != nil {
					return err
				}
				out = append(out, c.model())
				return nil
			})
	})
	return out, total, err
}

// DecideClaimRequest sets the status of a pending request in one conditional update.
func (s *Store) DecideClaimRequest(ctx context.Context, id string, status models.ClaimStatus, by string, now time.Time) (_ *models.ClaimRequest, err error) {
	defer models.Wrap(&err, "sqlite.DecideClaimRequest(%q)", id)
	var r *models.ClaimRequest
	err = s.write(ctx, func(t *txn) error {
		n, err := t.exec("UPDATE claim_requests SET status = ?, decided_at = ?, decided_by = ? WHERE id = ? AND status = ?",
			string(status), ms(now), by, id, string(models.ClaimPending))
		if err != nil {
			return err
		}
		if r, err = t.claimRequest(id); err != nil {
			return err
		}
		if n == 0 {
			return models.Errorf(models.CodeConflict, "the claim request was already decided")
		}
		return nil
	})
	return r, err
}
