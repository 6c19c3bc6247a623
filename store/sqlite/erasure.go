package sqlite

import (
	"context"

	"github.com/hanoi-innovation/innonet/models"
)

// EraseAccount deletes an account and what is kept for it alone, in one transaction.
func (s *Store) EraseAccount(ctx context.Context, accountID, email string) (err error) {
	defer models.Wrap(&err, "sqlite.EraseAccount(%q)", accountID)
	email = models.NormalizeEmail(email)
	return s.write(ctx, func(t *txn) error {
		n, err := t.exec("DELETE FROM accounts WHERE id = ?", accountID)
		if err != nil {
			return err
		}
		if n == 0 {
			return notFound("account")
		}
		for _, q := range []string{
			"DELETE FROM refresh_tokens WHERE account_id = ?",
			"DELETE FROM notifications WHERE account_id = ?",
			"DELETE FROM preferences WHERE account_id = ?",
			"DELETE FROM consents WHERE account_id = ?",
		} {
			if _, err := t.exec(q, accountID); err != nil {
				return err
			}
		}
		_, err = t.exec("DELETE FROM outbox WHERE account_id = ? OR recipient = ?", accountID, email)
		return err
	})
}

// ForgetMemberInNotifications takes a departing member's id and name out of the notifications about it.
func (s *Store) ForgetMemberInNotifications(ctx context.Context, memberID, anonID, title string) (err error) {
	defer models.Wrap(&err, "sqlite.ForgetMemberInNotifications(%q)", memberID)
	return s.write(ctx, func(t *txn) error {
		_, err := t.exec("UPDATE notifications SET member_id = ?, title = ? WHERE member_id = ?", anonID, title, memberID)
		return err
	})
}

// DetachInterests moves a member's interests to an anonymous id and forgets who sent them.
func (s *Store) DetachInterests(ctx context.Context, memberID, anonID, sentBy string) (err error) {
	defer models.Wrap(&err, "sqlite.DetachInterests(%q)", memberID)
	return s.write(ctx, func(t *txn) error {
		if memberID != "" {
			if _, err := t.exec("UPDATE interests SET member_id = ?, account_id = '', version = version + 1 WHERE member_id = ?",
				anonID, memberID); err != nil {
				return err
			}
		}
		if sentBy == "" {
			return nil
		}
		_, err := t.exec("UPDATE interests SET account_id = '', version = version + 1 WHERE account_id = ?", sentBy)
		return err
	})
}
