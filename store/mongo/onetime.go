package mongo

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/hanoi-innovation/innonet/models"
)

// oneTimeDoc is a one-time token as stored; expired ones are purged by a TTL index where the server has them.
type oneTimeDoc struct {
	ID        string     `bson:"_id"`
	Kind      string     `bson:"kind"`
	Hash      string     `bson:"hash"`
	AccountID string     `bson:"account_id"`
	MemberID  string     `bson:"member_id"`
	Email     string     `bson:"email"`
	Role      string     `bson:"role"`
	CreatedBy string     `bson:"created_by"`
	CreatedAt time.Time  `bson:"created_at"`
	ExpiresAt time.Time  `bson:"expires_at"`
	UsedAt    *time.Time `bson:"used_at"`
}

func toOneTimeDoc(t *models.OneTimeToken) *oneTimeDoc {
	return &oneTimeDoc{ID: t.ID, Kind: string(t.Kind), Hash: t.Hash, AccountID: t.AccountID, MemberID: t.MemberID,
		Email: t.Email, Role: string(t.Role), CreatedBy: t.CreatedBy, CreatedAt: storedTime(t.CreatedAt),
		ExpiresAt: storedTime(t.ExpiresAt), UsedAt: storedTimePtr(t.UsedAt)}
}

func (d *oneTimeDoc) toModel() *models.OneTimeToken {
	return &models.OneTimeToken{ID: d.ID, Kind: models.TokenKind(d.Kind), Hash: d.Hash, AccountID: d.AccountID,
		MemberID: d.MemberID, Email: d.Email, Role: models.StaffRole(d.Role), CreatedBy: d.CreatedBy,
		CreatedAt: storedTime(d.CreatedAt), ExpiresAt: storedTime(d.ExpiresAt), UsedAt: storedTimePtr(d.UsedAt)}
}

func (s *Store) oneTime() *mongo.Collection { return s.db.Collection(collOneTime) }

// CreateToken stores a one-time token. A taken id or hash is a CodeConflict error.
func (s *Store) CreateToken(ctx context.Context, t *models.OneTimeToken) (err error) {
	defer models.Wrap(&err, "CreateToken")
	if t.ID == "" {
		t.ID = models.NewID("ot")
	}
	t.Email = models.NormalizeEmail(t.Email)
	roundTime(&t.CreatedAt, &t.ExpiresAt)
	roundTimePtr(&t.UsedAt)
	if _, err := s.oneTime().InsertOne(ctx, toOneTimeDoc(t)); err != nil {
		if mongo.IsDuplicateKeyError(err) {
			return duplicate("token", "/id", "id or hash")
		}
		return dbError("insert one-time token", err)
	}
	return nil
}

// TokenByHash returns the one-time token stored with the hash, used or expired alike.
func (s *Store) TokenByHash(ctx context.Context, hash string) (*models.OneTimeToken, error) {
	var d oneTimeDoc
	err := s.oneTime().FindOne(ctx, bson.D{{Key: "hash", Value: hash}}).Decode(&d)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return nil, notFound("token")
	case err != nil:
		return nil, dbError("find one-time token", err)
	}
	return d.toModel(), nil
}

// ConsumeToken marks the token used with one findAndModify conditional on its being unused and unexpired,
// which MongoDB makes atomic per document: of concurrent callers only one matches.
func (s *Store) ConsumeToken(ctx context.Context, hash string, kind models.TokenKind, now time.Time) (*models.OneTimeToken, error) {
	var d oneTimeDoc
	filter := bson.D{{Key: "hash", Value: hash}, {Key: "kind", Value: string(kind)}, {Key: "used_at", Value: nil},
		{Key: "expires_at", Value: bson.D{{Key: "$gt", Value: storedTime(now)}}}}
	err := s.oneTime().FindOneAndUpdate(ctx, filter,
		bson.D{{Key: "$set", Value: bson.D{{Key: "used_at", Value: storedTime(now)}}}},
		options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&d)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return nil, notFound("usable token")
	case err != nil:
		return nil, dbError("consume one-time token", err)
	}
	return d.toModel(), nil
}
