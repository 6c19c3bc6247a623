package sqlite

import (
	"context"
	"database/sql"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

const oneTimeColumns = "id, kind, hash, account_id, member_id, email, role, created_by, created_at, expires_at, used_at"

// CreateToken stores a one-time token. A taken id or hash is a conflict.
func (s *Store) CreateToken(ctx context.Context, ot *models.OneTimeToken) (err error) {
	defer models.Wrap(&err, "sqlite.CreateToken(%q)", ot.ID)
	if ot.ID == "" {
		ot.ID = models.NewID("ot")
	}
	return s.write(ctx, func(t *txn) error {
		_, err := t.exec("INSERT INTO one_time_tokens ("+oneTimeColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			ot.ID, string(ot.Kind), ot.Hash, ot.AccountID, ot.MemberID, models.NormalizeEmail(ot.Email), string(ot.Role),
			ot.CreatedBy, ms(ot.CreatedAt), ms(ot.ExpiresAt), msPtr(ot.UsedAt))
		if models.ErrorCode(err) == models.CodeConflict {
			return conflict("/id", "a token with this id or hash already exists")
		}
		return err
	})
}

// TokenByHash returns the one-time token with the hash of its secret, used or expired alike.
func (s *Store) TokenByHash(ctx context.Context, hash string) (_ *models.OneTimeToken, err error) {
	defer models.Wrap(&err, "sqlite.TokenByHash")
	var ot *models.OneTimeToken
	err = s.read(ctx, func(t *txn) error {
		ot, err = t.oneTimeToken(hash)
		return err
	})
	return ot, err
}

// ConsumeToken marks the token used in one conditional update: the write lock makes it once only.
func (s *Store) ConsumeToken(ctx context.Context, hash string, kind models.TokenKind, now time.Time) (_ *models.OneTimeToken, err error) {
	defer models.Wrap(&err, "sqlite.ConsumeToken(%q)", kind)
	var ot *models.OneTimeToken
	err = s.write(ctx, func(t *txn) error {
		n, err := t.exec("UPDATE one_time_tokens SET used_at = ? WHERE hash = ? AND kind = ? AND used_at IS NULL AND expires_at > ?",
			ms(now), hash, string(kind), ms(now))
		if err != nil {
			return err
		}
		if n == 0 {
			return notFound("usable token")
		}
		ot, err = t.oneTimeToken(hash)
		return err
	})
	return ot, err
}

func (t *txn) oneTimeToken(hash string) (*models.OneTimeToken, error) {
	var (
		ot               models.OneTimeToken
		created, expires int64
		used             sql.NullInt64
	)
	err := t.row("SELECT "+oneTimeColumns+" FROM one_time_tokens WHERE hash = ?", []any{hash},
		&ot.ID, &ot.Kind, &ot.Hash, &ot.AccountID, &ot.MemberID, &ot.Email, &ot.Role, &ot.CreatedBy, &created, &expires, &used)
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil, notFound("token")
	}
	if err != nil {
		return nil, err
	}
	ot.CreatedAt, ot.ExpiresAt, ot.UsedAt = fromMS(created), fromMS(expires), fromMSPtr(used)
	return &ot, nil
}
