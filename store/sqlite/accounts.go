package sqlite

import (
	"context"
	"database/sql"

	"github.com/hanoi-innovation/innonet/models"
)

const accountColumns = "id, email, name, password_hash, role, member_id, created_at, last_login_at, " +
	"password_changed_at, failed_logins, version, member_role, email_verified_at"

// Register creates an account and its member profile in one transaction. A taken email is a conflict on /email.
func (s *Store) Register(ctx context.Context, a *models.Account, m *models.Member) (err error) {
	defer models.Wrap(&err, "sqlite.Register(%q)", a.ID)
	r, err := memberRow(m)
	if err != nil {
		return err
	}
	err = s.write(ctx, func(t *txn) error {
		if err := t.insertAccount(a); err != nil {
			return err
		}
		return t.insertDoc(&s.members, r)
	})
	if err != nil {
		return err
	}
	a.Email, a.Version, m.Version = models.NormalizeEmail(a.Email), 1, 1
	return nil
}

// CreateAccount creates an account without a member profile. A taken email is a conflict on /email.
func (s *Store) CreateAccount(ctx context.Context, a *models.Account) (err error) {
	defer models.Wrap(&err, "sqlite.CreateAccount(%q)", a.ID)
	if err := s.write(ctx, func(t *txn) error { return t.insertAccount(a) }); err != nil {
		return err
	}
	a.Email, a.Version = models.NormalizeEmail(a.Email), 1
	return nil
}

func (t *txn) insertAccount(a *models.Account) error {
	email := models.NormalizeEmail(a.Email)
	if err := t.emailFree(email, a.ID); err != nil {
		return err
	}
	_, err := t.exec("INSERT INTO accounts ("+accountColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
		a.ID, email, a.Name, a.PasswordHash, string(a.Role), a.MemberID, ms(a.CreatedAt), msPtr(a.LastLoginAt),
		ms(a.PasswordChangedAt), a.FailedLogins, string(a.MemberRole), msPtr(a.EmailVerifiedAt))
	if models.ErrorCode(err) == models.CodeConflict {
		return conflict("/id", "an account with this id already exists")
	}
	return err
}

// emailFree returns a conflict on /email when another account than id has the email.
func (t *txn) emailFree(email, id string) error {
	var n int
	if err := t.row("SELECT COUNT(*) FROM accounts WHERE email = ? AND id <> ?", []any{email, id}, &n); err != nil {
		return err
	}
	if n > 0 {
		return conflict("/email", "an account with this email already exists")
	}
	return nil
}

// Account returns the account with the id.
func (s *Store) Account(ctx context.Context, id string) (a *models.Account, err error) {
	defer models.Wrap(&err, "sqlite.Account(%q)", id)
	return s.account(ctx, "id", id)
}

// AccountByEmail returns the account with the email, whatever its case.
func (s *Store) AccountByEmail(ctx context.Context, email string) (a *models.Account, err error) {
	defer models.Wrap(&err, "sqlite.AccountByEmail")
	return s.account(ctx, "email", models.NormalizeEmail(email))
}

func (s *Store) account(ctx context.Context, column, value string) (*models.Account, error) {
	var (
		a         models.Account
		role      string
		created   int64
		lastLogin sql.NullInt64
		pwChanged int64
		verified  sql.NullInt64
	)
	err := s.read(ctx, func(t *txn) error {
		return t.row("SELECT "+accountColumns+" FROM accounts WHERE "+column+" = ?", []any{value},
			&a.ID, &a.Email, &a.Name, &a.PasswordHash, &role, &a.MemberID, &created, &lastLogin, &pwChanged,
			&a.FailedLogins, &a.Version, &a.MemberRole, &verified)
	})
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil, notFound("account")
	}
	if err != nil {
		return nil, err
	}
	a.Role, a.CreatedAt, a.LastLoginAt, a.PasswordChangedAt = models.Role(role), fromMS(created), fromMSPtr(lastLogin), fromMS(pwChanged)
	a.EmailVerifiedAt = fromMSPtr(verified)
	return &a, nil
}

// UpdateAccount writes a if the stored version is still a.Version, then increments a.Version.
func (s *Store) UpdateAccount(ctx context.Context, a *models.Account) (err error) {
	defer models.Wrap(&err, "sqlite.UpdateAccount(%q)", a.ID)
	email := models.NormalizeEmail(a.Email)
	err = s.write(ctx, func(t *txn) error {
		if err := t.emailFree(email, a.ID); err != nil {
			return err
		}
		n, err := t.exec("UPDATE accounts SET email = ?, name = ?, password_hash = ?, role = ?, member_id = ?, "+
			"created_at = ?, last_login_at = ?, password_changed_at = ?, failed_logins = ?, member_role = ?, "+
			"email_verified_at = ?, version = version + 1 WHERE id = ? AND version = ?",
			email, a.Name, a.PasswordHash, string(a.Role), a.MemberID, ms(a.CreatedAt), msPtr(a.LastLoginAt),
			ms(a.PasswordChangedAt), a.FailedLogins, string(a.MemberRole), msPtr(a.EmailVerifiedAt), a.ID, a.Version)
		if err != nil || n > 0 {
			return err
		}
		var v int64
		if err := t.row("SELECT version FROM accounts WHERE id = ?", []any{a.ID}, &v); err != nil {
			if models.ErrorCode(err) == models.CodeNotFound {
				return notFound("account")
			}
			return err
		}
		return staleVersion("account")
	})
	if err != nil {
		return err
	}
	a.Email = email
	a.Version++
	return nil
}
