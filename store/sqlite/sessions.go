package sqlite

import (
	"context"
	"database/sql"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// CreateRefreshToken stores a refresh token. A taken id or hash is a conflict.
func (s *Store) CreateRefreshToken(ctx context.Context, rt *models.RefreshToken) (err error) {
	defer models.Wrap(&err, "sqlite.CreateRefreshToken(%q)", rt.ID)
	return s.write(ctx, func(t *txn) error {
		_, err := t.exec("INSERT INTO refresh_tokens (id, account_id, family_id, hash, created_at, expires_at, used_at, revoked_at) "+
			"VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rt.ID, rt.AccountID, rt.FamilyID, rt.Hash, ms(rt.CreatedAt), ms(rt.ExpiresAt),
			msPtr(rt.UsedAt), msPtr(rt.RevokedAt))
		return err
	})
}

// RefreshTokenByHash returns the token with the hash of its secret.
func (s *Store) RefreshTokenByHash(ctx context.Context, hash string) (_ *models.RefreshToken, err error) {
	defer models.Wrap(&err, "sqlite.RefreshTokenByHash")
	var (
		rt               models.RefreshToken
		created, expires int64
		used, revoked    sql.NullInt64
	)
	err = s.read(ctx, func(t *txn) error {
		return t.row("SELECT id, account_id, family_id, hash, created_at, expires_at, used_at, revoked_at "+
			"FROM refresh_tokens WHERE hash = ?", []any{hash},
			&rt.ID, &rt.AccountID, &rt.FamilyID, &rt.Hash, &created, &expires, &used, &revoked)
	})
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil, notFound("refresh token")
	}
	if err != nil {
		return nil, err
	}
	rt.CreatedAt, rt.ExpiresAt, rt.UsedAt, rt.RevokedAt = fromMS(created), fromMS(expires), fromMSPtr(used), fromMSPtr(revoked)
	return &rt, nil
}

// UseRefreshToken marks an unused, unrevoked token used at now, and reports whether it did. It does not look
// at expiry. An unknown token is not found.
func (s *Store) UseRefreshToken(ctx context.Context, id string, now time.Time) (used bool, err error) {
	defer models.Wrap(&err, "sqlite.UseRefreshToken(%q)", id)
	err = s.write(ctx, func(t *txn) error {
		n, err := t.exec("UPDATE refresh_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL",
			ms(now), id)
		if err != nil || n > 0 {
			used = n > 0
			return err
		}
		var one int
		if err := t.row("SELECT 1 FROM refresh_tokens WHERE id = ?", []any{id}, &one); err != nil {
			if models.ErrorCode(err) == models.CodeNotFound {
				return notFound("refresh token")
			}
			return err
		}
		return nil
	})
	return used, err
}

// RevokeFamily revokes every token of the family that is not revoked yet.
func (s *Store) RevokeFamily(ctx context.Context, familyID string, now time.Time) (err error) {
	defer models.Wrap(&err, "sqlite.RevokeFamily(%q)", familyID)
	return s.revoke(ctx, "family_id", familyID, now)
}

// RevokeAccountTokens revokes every token of the account that is not revoked yet.
func (s *Store) RevokeAccountTokens(ctx context.Context, accountID string, now time.Time) (err error) {
	defer models.Wrap(&err, "sqlite.RevokeAccountTokens(%q)", accountID)
	return s.revoke(ctx, "account_id", accountID, now)
}

func (s *Store) revoke(ctx context.Context, column, value string, now time.Time) error {
	return s.write(ctx, func(t *txn) error {
		_, err := t.exec("UPDATE refresh_tokens SET revoked_at = ? WHERE "+column+" = ? AND revoked_at IS NULL", ms(now), value)
		return err
	})
}
