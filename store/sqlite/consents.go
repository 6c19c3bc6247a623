package sqlite

import (
	"context"
	"database/sql"

	"github.com/hanoi-innovation/innonet/models"
)

// consentIDPrefix prefixes the ids the store gives to consent records that have none.
const consentIDPrefix = "cs"

// AddConsent stores a consent record. A taken id is a conflict.
func (s *Store) AddConsent(ctx context.Context, c *models.Consent) (err error) {
	defer models.Wrap(&err, "sqlite.AddConsent(%q)", c.AccountID)
	if c.ID == "" {
		c.ID = models.NewID(consentIDPrefix)
	}
	return s.write(ctx, func(t *txn) error {
		_, err := t.exec("INSERT INTO consents (id, account_id, policy_version, given_at, source) VALUES (?, ?, ?, ?, ?)",
			c.ID, c.AccountID, c.PolicyVersion, ms(c.GivenAt), string(c.Source))
		return err
	})
}

// Consents returns an account's consent records, oldest first.
func (s *Store) Consents(ctx context.Context, accountID string) (out []*models.Consent, err error) {
	defer models.Wrap(&err, "sqlite.Consents(%q)", accountID)
	err = s.read(ctx, func(t *txn) error {
		return t.each("SELECT id, account_id, policy_version, given_at, source FROM consents WHERE account_id = ? "+
			"ORDER BY given_at, id", []any{accountID}, func(rows *sql.Rows) error {
			var c models.Consent
			var at int64
			if err := rows.Scan(&c.ID, &c.AccountID, &c.PolicyVersion, &at, &c.Source); err != nil {
				return err
			}
			c.GivenAt = fromMS(at)
			out = append(out, &c)
			return nil
		})
	})
	return out, err
}
