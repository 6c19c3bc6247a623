package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

const preferencesColumns = "account_id, in_app, email, min_score, sectors, language, unsubscribe_token, last_digest_at, version"

// preferencesRow receives a row of preferencesColumns.
type preferencesRow struct {
	p       models.Preferences
	sectors []byte
	token   sql.NullString
	last    int64
}

func (r *preferencesRow) dest() []any {
	return []any{&r.p.AccountID, &r.p.InApp, &r.p.Email, &r.p.MinScore, &r.sectors, &r.p.Language, &r.token, &r.last,
		&r.p.Version}
}

func (r *preferencesRow) model() (*models.Preferences, error) {
	p := r.p
	if err := json.Unmarshal(r.sectors, &p.Sectors); err != nil {
		return nil, fmt.Errorf("sectors of the preferences of %s: %w", p.AccountID, err)
	}
	p.UnsubscribeToken, p.LastDigestAt = r.token.String, fromMS(r.last)
	return &p, nil
}

// Preferences returns an account's saved preferences; not found when it never saved any.
func (s *Store) Preferences(ctx context.Context, accountID string) (_ *models.Preferences, err error) {
	defer models.Wrap(&err, "sqlite.Preferences(%q)", accountID)
	return s.preferences(ctx, "account_id", accountID)
}

// PreferencesByToken returns the preferences with the unsubscribe token.
func (s *Store) PreferencesByToken(ctx context.Context, unsubscribeToken string) (_ *models.Preferences, err error) {
	defer models.Wrap(&err, "sqlite.PreferencesByToken")
	if unsubscribeToken == "" {
		return nil, notFound("preferences")
	}
	return s.preferences(ctx, "unsubscribe_token", unsubscribeToken)
}

func (s *Store) preferences(ctx context.Context, column, value string) (*models.Preferences, error) {
	var r preferencesRow
	err := s.read(ctx, func(t *txn) error {
		return t.row("SELECT "+preferencesColumns+" FROM preferences WHERE "+column+" = ?", []any{value}, r.dest()...)
	})
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil, notFound("preferences")
	}
	if err != nil {
		return nil, err
	}
	return r.model()
}

// SavePreferences creates (p.Version 0) or replaces (p.Version the stored version) an account's preferences,
// then sets p.Version to the stored version. A stale version, or an unsubscribe token of another account, is a
// conflict.
func (s *Store) SavePreferences(ctx context.Context, p *models.Preferences) (err error) {
	defer models.Wrap(&err, "sqlite.SavePreferences(%q)", p.AccountID)
	sectors, err := json.Marshal(p.Sectors)
	if err != nil {
		return err
	}
	token := sql.NullString{String: p.UnsubscribeToken, Valid: p.UnsubscribeToken != ""}
	err = s.write(ctx, func(t *txn) error {
		var n int
		if err := t.row("SELECT COUNT(*) FROM preferences WHERE unsubscribe_token = ? AND account_id <> ?",
			[]any{token, p.AccountID}, &n); err != nil {
			return err
		}
		if n > 0 {
			return models.Errorf(models.CodeConflict, "the unsubscribe token belongs to another account")
		}
		args := []any{p.InApp, string(p.Email), p.MinScore, string(sectors), p.Language, token, ms(p.LastDigestAt)}
		if p.Version == 0 {
			_, err := t.exec("INSERT INTO preferences ("+preferencesColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
				append([]any{p.AccountID}, args...)...)
			if models.ErrorCode(err) == models.CodeConflict {
				return staleVersion("preferences")
			}
			return err
		}
		n64, err := t.exec("UPDATE preferences SET in_app = ?, email = ?, min_score = ?, sectors = ?, language = ?, "+
			"unsubscribe_token = ?, last_digest_at = ?, version = version + 1 WHERE account_id = ? AND version = ?",
			append(args, p.AccountID, p.Version)...)
		if err == nil && n64 == 0 {
			return staleVersion("preferences")
		}
		return err
	})
	if err != nil {
		return err
	}
	p.Version++
	return nil
}

// DigestDue returns up to limit preferences with the email frequency whose last digest is before before, the
// longest waiting first. A limit below 1 means 100; above 1000, 1000.
func (s *Store) DigestDue(ctx context.Context, f models.Frequency, before time.Time, limit int) (out []*models.Preferences, err error) {
	defer models.Wrap(&err, "sqlite.DigestDue(%s)", f)
	err = s.read(ctx, func(t *txn) error {
		return t.each("SELECT "+preferencesColumns+" FROM preferences WHERE email = ? AND last_digest_at < ? "+
			"ORDER BY last_digest_at, account_id LIMIT ?", []any{string(f), ms(before), boundLimit(limit)},
			func(rows *sql.Rows) error {
				var r preferencesRow
				if err := rows.Scan(r.dest()...); err != nil {
					return err
				}
				p, err := r.model()
				out = append(out, p)
				return err
			})
	})
	return out, err
}
