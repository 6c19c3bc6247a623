package mongo

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/hanoi-innovation/innonet/models"
)

// consentDoc is a consent record as stored.
type consentDoc struct {
	ID            string    `bson:"_id"`
	AccountID     string    `bson:"account_id"`
	PolicyVersion string    `bson:"policy_version"`
	GivenAt       time.Time `bson:"given_at"`
	Source        string    `bson:"source"`
}

func toConsentDoc(c *models.Consent) *consentDoc {
	return &consentDoc{ID: c.ID, AccountID: c.AccountID, PolicyVersion: c.PolicyVersion, GivenAt: storedTime(c.GivenAt),
		Source: string(c.Source)}
}

func (d *consentDoc) toModel() *models.Consent {
	return &models.Consent{ID: d.ID, AccountID: d.AccountID, PolicyVersion: d.PolicyVersion,
		GivenAt: storedTime(d.GivenAt), Source: models.ConsentSource(d.Source)}
}

// AddConsent stores a consent record. A taken id is a CodeConflict error.
func (s *Store) AddConsent(ctx context.Context, c *models.Consent) (err error) {
	defer models.Wrap(&err, "AddConsent(%q)", c.AccountID)
	if c.ID == "" {
		c.ID = models.NewID("cs")
	}
	roundTime(&c.GivenAt)
	_, err = s.consents.InsertOne(ctx, toConsentDoc(c))
	if mongo.IsDuplicateKeyError(err) {
		return models.Errorf(models.CodeConflict, "a consent record with this id already exists")
	}
	if err != nil {
		return dbError("add consent", err)
	}
	return nil
}

// Consents returns an account's consent records, oldest first.
func (s *Store) Consents(ctx context.Context, accountID string) (_ []*models.Consent, err error) {
	defer models.Wrap(&err, "Consents(%q)", accountID)
	cur, err := s.consents.Find(ctx, bson.D{{Key: "account_id", Value: accountID}},
		options.Find().SetSort(bson.D{{Key: "given_at", Value: 1}, {Key: "_id", Value: 1}}))
	if err != nil {
		return nil, dbError("find consents", err)
	}
	var docs []consentDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, dbError("find consents", err)
	}
	out := make([]*models.Consent, len(docs))
	for i := range docs {
		out[i] = docs[i].toModel()
	}
	return out, nil
}
