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

// preferencesDoc is an account's preferences as stored, by account id. An empty unsubscribe token is left out
// of the document, so that the sparse unique index on the token lets many accounts have none.
type preferencesDoc struct {
	AccountID        string    `bson:"_id"`
	InApp            bool      `bson:"in_app"`
	Email            string    `bson:"email"`
	MinScore         int       `bson:"min_score"`
	Sectors          []string  `bson:"sectors"`
	Language         string    `bson:"language"`
	UnsubscribeToken string    `bson:"unsubscribe_token,omitempty"`
	LastDigestAt     time.Time `bson:"last_digest_at"`
	Version          int64     `bson:"version"`
}

func toPreferencesDoc(p *models.Preferences, version int64) *preferencesDoc {
	return &preferencesDoc{
		AccountID:        p.AccountID,
		InApp:            p.InApp,
		Email:            string(p.Email),
		MinScore:         p.MinScore,
		Sectors:          p.Sectors,
		Language:         p.Language,
		UnsubscribeToken: p.UnsubscribeToken,
		LastDigestAt:     storedTime(p.LastDigestAt),
		Version:          version,
	}
}

func (d *preferencesDoc) toModel() *models.Preferences {
	return &models.Preferences{
		AccountID:        d.AccountID,
		InApp:            d.InApp,
		Email:            models.Frequency(d.Email),
		MinScore:         d.MinScore,
		Sectors:          d.Sectors,
		Language:         d.Language,
		UnsubscribeToken: d.UnsubscribeToken,
		LastDigestAt:     storedTime(d.LastDigestAt),
		Version:          d.Version,
	}
}

// Preferences returns an account's saved preferences; CodeNotFound when it never saved any.
func (s *Store) Preferences(ctx context.Context, accountID string) (*models.Preferences, error) {
	return s.findPreferences(ctx, byID(accountID))
}

// PreferencesByToken returns the preferences with the unsubscribe token.
func (s *Store) PreferencesByToken(ctx context.Context, unsubscribeToken string) (*models.Preferences, error) {
	if unsubscribeToken == "" {
		return nil, notFound("preferences")
	}
	return s.findPreferences(ctx, bson.D{{Key: "unsubscribe_token", Value: unsubscribeToken}})
}

func (s *Store) findPreferences(ctx context.Context, filter bson.D) (*models.Preferences, error) {
	var d preferencesDoc
	err := s.prefs.FindOne(ctx, filter).Decode(&d)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return nil, notFound("preferences")
	case err != nil:
		return nil, dbError("find preferences", err)
	}
	return d.toModel(), nil
}

// SavePreferences creates (p.Version 0) or replaces (p.Version the stored version) an account's preferences,
// then sets p.Version to the stored version. A stale version, or an unsubscribe token of another account, is a
// CodeConflict error.
func (s *Store) SavePreferences(ctx context.Context, p *models.Preferences) (err error) {
	defer models.Wrap(&err, "SavePreferences(%q)", p.AccountID)
	roundTime(&p.LastDigestAt)
	d := toPreferencesDoc(p, p.Version+1)
	if p.Version == 0 {
		_, err = s.prefs.InsertOne(ctx, d)
	} else {
		var res *mongo.UpdateResult
		res, err = s.prefs.ReplaceOne(ctx, bson.D{{Key: "_id", Value: p.AccountID}, {Key: "version", Value: p.Version}}, d)
		if err == nil && res.MatchedCount == 0 {
			return staleVersion("preferences")
		}
	}
	switch {
	case err != nil && s.tokenTakenByOther(ctx, p.UnsubscribeToken, p.AccountID):
		return models.Errorf(models.CodeConflict, "the unsubscribe token belongs to another account")
	case err != nil && mongo.IsDuplicateKeyError(err):
		return staleVersion("preferences")
	case err != nil:
		return dbError("save preferences", err)
	}
	p.Version = d.Version
	return nil
}

// tokenTakenByOther reports whether an account other than id has the unsubscribe token. It explains failed
// writes whatever error the server gave (FerretDB v1 reports unique-index failures of updates as internal).
func (s *Store) tokenTakenByOther(ctx context.Context, token, id string) bool {
	if token == "" {
		return false
	}
	n, err := s.prefs.CountDocuments(ctx, bson.D{{Key: "unsubscribe_token", Value: token},
		{Key: "_id", Value: bson.D{{Key: "$ne", Value: id}}}}, options.Count().SetLimit(1))
	return err == nil && n > 0
}

// DigestDue returns up to limit preferences with the email frequency whose last digest is before before, the
// longest waiting first. A limit below 1 means 100; above 1000, 1000.
func (s *Store) DigestDue(ctx context.Context, f models.Frequency, before time.Time, limit int) ([]*models.Preferences, error) {
	cur, err := s.prefs.Find(ctx,
		bson.D{{Key: "email", Value: string(f)}, {Key: "last_digest_at", Value: bson.D{{Key: "$lt", Value: storedTime(before)}}}},
		options.Find().SetSort(bson.D{{Key: "last_digest_at", Value: 1}, {Key: "_id", Value: 1}}).SetLimit(int64(boundLimit(limit))))
	if err != nil {
		return nil, dbError("find due digests", err)
	}
	var docs []preferencesDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, dbError("find due digests", err)
	}
	out := make([]*models.Preferences, len(docs))
	for i := range docs {
		out[i] = docs[i].toModel()
	}
	return out, nil
}
