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

// interestIDPrefix prefixes the ids the store gives to interests that have none.
const interestIDPrefix = "in"

// interestDoc is an interest as stored. A unique index on (challenge_id, member_id) keeps one per member and
// challenge.
type interestDoc struct {
	ID          string    `bson:"_id"`
	ChallengeID string    `bson:"challenge_id"`
	MemberID    string    `bson:"member_id"`
	AccountID   string    `bson:"account_id"`
	Kind        string    `bson:"kind"`
	Message     string    `bson:"message"`
	Status      string    `bson:"status"`
	CreatedAt   time.Time `bson:"created_at"`
	UpdatedAt   time.Time `bson:"updated_at"`
	Version     int64     `bson:"version"`
}

func toInterestDoc(i *models.Interest) *interestDoc {
	return &interestDoc{
		ID:          i.ID,
		ChallengeID: i.ChallengeID,
		MemberID:    i.MemberID,
		AccountID:   i.AccountID,
		Kind:        string(i.Kind),
		Message:     i.Message,
		Status:      string(i.Status),
		CreatedAt:   storedTime(i.CreatedAt),
		UpdatedAt:   storedTime(i.UpdatedAt),
		Version:     i.Version,
	}
}

func (d *interestDoc) toModel() *models.Interest {
	return &models.Interest{
		ID:          d.ID,
		ChallengeID: d.ChallengeID,
		MemberID:    d.MemberID,
		AccountID:   d.AccountID,
		Kind:        models.InterestKind(d.Kind),
		Message:     d.Message,
		Status:      models.InterestStatus(d.Status),
		CreatedAt:   storedTime(d.CreatedAt),
		UpdatedAt:   storedTime(d.UpdatedAt),
		Version:     d.Version,
	}
}

// interestOf filters the interest of a member in a challenge.
func interestOf(challengeID, memberID string) bson.D {
	return bson.D{{Key: "challenge_id", Value: challengeID}, {Key: "member_id", Value: memberID}}
}

// CreateInterest inserts i at version 1, giving it an id if it has none. A second interest of the member in the
// challenge, or a taken id, is a CodeConflict error.
func (s *Store) CreateInterest(ctx context.Context, i *models.Interest) (err error) {
	defer models.Wrap(&err, "CreateInterest(%q, %q)", i.ChallengeID, i.MemberID)
	if i.ID == "" {
		i.ID = models.NewID(interestIDPrefix)
	}
	roundTime(&i.CreatedAt, &i.UpdatedAt)
	d := toInterestDoc(i)
	d.Version = 1
	_, err = s.interests.InsertOne(ctx, d)
	switch {
	case err == nil:
		i.Version = 1
		return nil
	case !mongo.IsDuplicateKeyError(err):
		return dbError("insert interest", err)
	}
	// Which unique key was hit? Ask the data, as the messages differ between servers.
	n, ferr := s.interests.CountDocuments(ctx, interestOf(i.ChallengeID, i.MemberID), options.Count().SetLimit(1))
	if ferr == nil && n == 0 {
		return duplicate("interest", "/id", "id")
	}
	return models.Errorf(models.CodeConflict, "the member already responded to this challenge")
}

// Interest returns the interest with the id.
func (s *Store) Interest(ctx context.Context, id string) (*models.Interest, error) {
	return s.findInterest(ctx, byID(id))
}

// InterestFor returns the interest of a member in a challenge.
func (s *Store) InterestFor(ctx context.Context, challengeID, memberID string) (*models.Interest, error) {
	return s.findInterest(ctx, interestOf(challengeID, memberID))
}

func (s *Store) findInterest(ctx context.Context, filter bson.D) (*models.Interest, error) {
	var d interestDoc
	err := s.interests.FindOne(ctx, filter).Decode(&d)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return nil, notFound("interest")
	case err != nil:
		return nil, dbError("find interest", err)
	}
	return d.toModel(), nil
}

// UpdateInterest replaces the interest if its stored version is still i.Version, then increments i.Version.
func (s *Store) UpdateInterest(ctx context.Context, i *models.Interest) (err error) {
	defer models.Wrap(&err, "UpdateInterest(%q)", i.ID)
	roundTime(&i.CreatedAt, &i.UpdatedAt)
	d := toInterestDoc(i)
	d.Version = i.Version + 1
	res, err := s.interests.ReplaceOne(ctx, bson.D{{Key: "_id", Value: i.ID}, {Key: "version", Value: i.Version}}, d)
	switch {
	case err != nil && mongo.IsDuplicateKeyError(err):
		return models.Errorf(models.CodeConflict, "the member already responded to this challenge")
	case err != nil:
		return dbError("update interest", err)
	case res.MatchedCount == 0:
		if _, ferr := s.Interest(ctx, i.ID); ferr != nil {
			return ferr
		}
		return staleVersion("interest")
	}
	i.Version = d.Version
	return nil
}

// ListInterests returns a page of the interests of a challenge or of a member, newest first (then by id), and
// how many match in all.
func (s *Store) ListInterests(ctx context.Context, f models.InterestFilter) (_ []*models.Interest, _ int, err error) {
	defer models.Wrap(&err, "ListInterests(%q, %q)", f.ChallengeID, f.MemberID)
	filter := bson.D{}
	for _, c := range []struct{ key, value string }{{"challenge_id", f.ChallengeID}, {"member_id", f.MemberID}} {
		if c.value != "" {
			filter = append(filter, bson.E{Key: c.key, Value: c.value})
		}
	}
	var docs []interestDoc
	newest := bson.D{{Key: "created_at", Value: -1}, {Key: "_id", Value: 1}}
	total, err := findPageSorted(ctx, s.interests, filter, newest, f.Page, &docs)
	if err != nil {
		return nil, 0, dbError("list interests", err)
	}
	out := make([]*models.Interest, len(docs))
	for n := range docs {
		out[n] = docs[n].toModel()
	}
	return out, total, nil
}
