package mongo

import (
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// accountIDPrefix prefixes the ids the store gives to accounts that have none.
const accountIDPrefix = "ac"

// accountDoc is an account as stored. Email is stored normalized (trimmed, lower-cased) and carries a unique
// index, so that two spellings of one address cannot both register.
type accountDoc struct {
	ID                string     `bson:"_id"`
	Email             string     `bson:"email"`
	Name              string     `bson:"name"`
	PasswordHash      string     `bson:"password_hash"`
	Role              string     `bson:"role"`
	MemberID          string     `bson:"member_id"`
	CreatedAt         time.Time  `bson:"created_at"`
	LastLoginAt       *time.Time `bson:"last_login_at"`
	PasswordChangedAt time.Time  `bson:"password_changed_at"`
	FailedLogins      int        `bson:"failed_logins"`
	Version           int64      `bson:"version"`
	MemberRole        string     `bson:"member_role,omitempty"`
	EmailVerifiedAt   *time.Time `bson:"email_verified_at,omitempty"`
}

// storedAccount brings a to what the store keeps: its email normalized, its times rounded.
func storedAccount(a *models.Account) {
	a.Email = models.NormalizeEmail(a.Email)
	roundTime(&a.CreatedAt, &a.PasswordChangedAt)
	roundTimePtr(&a.LastLoginAt, &a.EmailVerifiedAt)
}

func toAccountDoc(a *models.Account) *accountDoc {
	return &accountDoc{
		ID:                a.ID,
		Email:             models.NormalizeEmail(a.Email),
		Name:              a.Name,
		PasswordHash:      a.PasswordHash,
		Role:              string(a.Role),
		MemberID:          a.MemberID,
		CreatedAt:         storedTime(a.CreatedAt),
		LastLoginAt:       storedTimePtr(a.LastLoginAt),
		PasswordChangedAt: storedTime(a.PasswordChangedAt),
		FailedLogins:      a.FailedLogins,
		Version:           a.Version,
		MemberRole:        string(a.MemberRole),
		EmailVerifiedAt:   storedTimePtr(a.EmailVerifiedAt),
	}
}

func (d *accountDoc) toModel() *models.Account {
	return &models.Account{
		ID:                d.ID,
		Email:             d.Email,
		Name:              d.Name,
		PasswordHash:      d.PasswordHash,
		Role:              models.Role(d.Role),
		MemberID:          d.MemberID,
		CreatedAt:         storedTime(d.CreatedAt),
		LastLoginAt:       storedTimePtr(d.LastLoginAt),
		PasswordChangedAt: storedTime(d.PasswordChangedAt),
		FailedLogins:      d.FailedLogins,
		Version:           d.Version,
		MemberRole:        models.StaffRole(d.MemberRole),
		EmailVerifiedAt:   storedTimePtr(d.EmailVerifiedAt),
	}
}
