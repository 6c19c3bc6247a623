package mongo

import (
	"context"
	"errors"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/hanoi-innovation/innonet/models"
)

// CreateChallenge inserts c at version 1, giving it an id if it has none. An id in use is a CodeConflict
// error with the pointer /id.
func (s *Store) CreateChallenge(ctx context.Context, c *models.Challenge) (err error) {
	defer models.Wrap(&err, "CreateChallenge(%q)", c.ID)
	if c.ID == "" {
		c.ID = models.NewID(challengeIDPrefix)
	}
	roundChallengeTimes(c)
	seq, err := s.nextSeq(ctx)
	if err != nil {
		return err
	}
	d := toChallengeDoc(c, seq)
	d.Version = 1
	if _, err := s.challenges.InsertOne(ctx, d); err != nil {
		if mongo.IsDuplicateKeyError(err) {
			return duplicate("challenge", "/id", "id")
		}
		return dbError("insert challenge", err)
	}
	c.Version = 1
	return nil
}

// Challenge returns the challenge with the id, whatever its status.
func (s *Store) Challenge(ctx context.Context, id string) (*models.Challenge, error) {
	var d challengeDoc
	err := s.challenges.FindOne(ctx, live(id)).Decode(&d)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return nil, notFound("challenge")
	case err != nil:
		return nil, dbError("find challenge", err)
	}
	return d.toModel(), nil
}

// UpdateChallenge replaces the challenge if its stored version is still c.Version, then increments c.Version.
func (s *Store) UpdateChallenge(ctx context.Context, c *models.Challenge) (err error) {
	defer models.Wrap(&err, "UpdateChallenge(%q)", c.ID)
	roundChallengeTimes(c)
	seq, err := s.nextSeq(ctx)
	if err != nil {
		return err
	}
	d := toChallengeDoc(c, seq)
	d.Version = c.Version + 1
	res, err := s.challenges.ReplaceOne(ctx, liveAt(c.ID, c.Version), d)
	if err != nil {
		return dbError("update challenge", err)
	}
	if res.MatchedCount == 0 {
		return writeFailure(ctx, s.challenges, c.ID, "challenge")
	}
	c.Version = d.Version
	return nil
}

// ListChallenges returns a page of the challenges that match f, last updated first, and how many match in all.
func (s *Store) ListChallenges(ctx context.Context, f models.ChallengeFilter) ([]*models.Challenge, int, error) {
	filter := bson.D{{Key: "deleted", Value: false}}
	if len(f.Statuses) > 0 {
		statuses := make([]string, len(f.Statuses))
		for i, st := range f.Statuses {
			statuses[i] = string(st)
		}
		filter = append(filter, bson.E{Key: "status", Value: bson.D{{Key: "$in", Value: statuses}}})
	}
	for _, c := range []struct{ key, value string }{{"sectors", f.Sector}, {"ward", f.Ward}, {"posted_by", f.PostedBy}} {
		if c.value != "" {
			filter = append(filter, bson.E{Key: c.key, Value: c.value})
		}
	}
	var docs []challengeDoc
	total, err := findPage(ctx, s.challenges, filter, f.Page, &docs)
	if err != nil {
		return nil, 0, dbError("list challenges", err)
	}
	out := make([]*models.Challenge, len(docs))
	for i := range docs {
		out[i] = docs[i].toModel()
	}
	return out, total, nil
}

// UpsertChallenges writes the challenges by id: new ones are created at version 1, existing ones replaced
// with their version incremented; each c.Version is set to the stored one. Challenges without an id get one.
// The write is not atomic as a whole: on an error, some challenges may have been written.
func (s *Store) UpsertChallenges(ctx context.Context, cs []*models.Challenge) (err error) {
	defer models.Wrap(&err, "UpsertChallenges(%d challenges)", len(cs))
	for start := 0; start < len(cs); start += upsertBatch {
		batch := cs[start:min(start+upsertBatch, len(cs))]
		seq, err := s.nextSeqs(ctx, len(batch))
		if err != nil {
			return err
		}
		writes := make([]mongo.WriteModel, len(batch))
		ids := make([]string, len(batch))
		for i, c := range batch {
			if c.ID == "" {
				c.ID = models.NewID(challengeIDPrefix)
			}
			roundChallengeTimes(c)
			update, err := bumpingUpdate(toChallengeDoc(c, seq+int64(i)))
			if err != nil {
				return err
			}
			writes[i] = mongo.NewUpdateOneModel().SetFilter(byID(c.ID)).SetUpdate(update).SetUpsert(true)
			ids[i] = c.ID
		}
		if err := s.bulkUpsert(ctx, s.challenges, writes, ids, func(i int, v int64) { batch[i].Version = v }); err != nil {
			return err
		}
	}
	return nil
}
