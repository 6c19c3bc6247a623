package mongo

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/hanoi-innovation/innonet/models"
)

// tokenIDPrefix prefixes the ids the store gives to refresh tokens that have none.
const tokenIDPrefix = "rt"

// tokenDoc is a refresh token as stored. Expired tokens are purged by a TTL index where the server has them.
type tokenDoc struct {
	ID        string     `bson:"_id"`
	AccountID string     `bson:"account_id"`
	FamilyID  string     `bson:"family_id"`
	Hash      string     `bson:"hash"`
	CreatedAt time.Time  `bson:"created_at"`
	ExpiresAt time.Time  `bson:"expires_at"`
	UsedAt    *time.Time `bson:"used_at"`
	RevokedAt *time.Time `bson:"revoked_at"`
}

func toTokenDoc(t *models.RefreshToken) *tokenDoc {
	return &tokenDoc{
		ID:        t.ID,
		AccountID: t.AccountID,
		FamilyID:  t.FamilyID,
		Hash:      t.Hash,
		CreatedAt: storedTime(t.CreatedAt),
		ExpiresAt: storedTime(t.ExpiresAt),
		UsedAt:    storedTimePtr(t.UsedAt),
		RevokedAt: storedTimePtr(t.RevokedAt),
	}
}

func (d *tokenDoc) toModel() *models.RefreshToken {
	return &models.RefreshToken{
		ID:        d.ID,
		AccountID: d.AccountID,
		FamilyID:  d.FamilyID,
		Hash:      d.Hash,
		CreatedAt: storedTime(d.CreatedAt),
		ExpiresAt: storedTime(d.ExpiresAt),
		UsedAt:    storedTimePtr(d.UsedAt),
		RevokedAt: storedTimePtr(d.RevokedAt),
	}
}

// CreateRefreshToken stores t, giving it an id if it has none. A hash already stored is a CodeConflict error.
func (s *Store) CreateRefreshToken(ctx context.Context, t *models.RefreshToken) (err error) {
	defer models.Wrap(&err, "CreateRefreshToken")
	if t.ID == "" {
		t.ID = models.NewID(tokenIDPrefix)
	}
	roundTime(&t.CreatedAt, &t.ExpiresAt)
	roundTimePtr(&t.UsedAt, &t.RevokedAt)
	if _, err := s.tokens.InsertOne(ctx, toTokenDoc(t)); err != nil {
		if mongo.IsDuplicateKeyError(err) {
			return &models.Error{Code: models.CodeConflict, Message: "the refresh token already exists"}
		}
		return dbError("insert refresh token", err)
	}
	return nil
}

// RefreshTokenByHash returns the token stored with the hash, used, revoked or expired alike.
func (s *Store) RefreshTokenByHash(ctx context.Context, hash string) (*models.RefreshToken, error) {
	var d tokenDoc
	err := s.tokens.FindOne(ctx, bson.D{{Key: "hash", Value: hash}}).Decode(&d)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return nil, notFound("refresh token")
	case err != nil:
		return nil, dbError("find refresh token", err)
	}
	return d.toModel(), nil
}

// UseRefreshToken marks the token used at now if it is neither used nor revoked, in one conditional write so
// that of two clients presenting the same token only one wins. It reports false when the token was already
// used or revoked; an unknown id is a CodeNotFound error.
func (s *Store) UseRefreshToken(ctx context.Context, id string, now time.Time) (used bool, err error) {
	defer models.Wrap(&err, "UseRefreshToken")
	res, err := s.tokens.UpdateOne(ctx,
		bson.D{{Key: "_id", Value: id}, {Key: "used_at", Value: nil}, {Key: "revoked_at", Value: nil}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "used_at", Value: storedTime(now)}}}})
	if err != nil {
		return false, dbError("use refresh token", err)
	}
	if res.MatchedCount == 1 {
		return true, nil
	}
	n, err := s.tokens.CountDocuments(ctx, byID(id))
	if err != nil {
		return false, dbError("find refresh token", err)
	}
	if n == 0 {
		return false, notFound("refresh token")
	}
	return false, nil
}

// RevokeFamily revokes, at now, every token of the family not yet revoked.
func (s *Store) RevokeFamily(ctx context.Context, familyID string, now time.Time) error {
	return s.revoke(ctx, "family_id", familyID, now)
}

// RevokeAccountTokens revokes, at now, every token of the account not yet revoked.
func (s *Store) RevokeAccountTokens(ctx context.Context, accountID string, now time.Time) error {
	return s.revoke(ctx, "account_id", accountID, now)
}

func (s *Store) revoke(ctx context.Context, key, value string, now time.Time) error {
	_, err := s.tokens.UpdateMany(ctx, bson.D{{Key: key, Value: value}, {Key: "revoked_at", Value: nil}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "revoked_at", Value: storedTime(now)}}}})
	if err != nil {
		return dbError("revoke refresh tokens by "+key, err)
	}
	return nil
}
