package mongo

import (
	"context"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/hanoi-innovation/innonet/models"
)

// Changes returns up to limit changes with Seq > after, in increasing Seq order: the members and challenges
// whose last write carries such a number, each as it is now, and a tombstone for each member deleted. Only the
// latest write of an entity is kept, so a follower sees its current state, not its history. A limit below 1
// means 100.
func (s *Store) Changes(ctx context.Context, after int64, limit int) (_ []models.Change, err error) {
	defer models.Wrap(&err, "Changes(%d)", after)
	if limit < 1 {
		limit = models.MaxPerPage
	}
	var members []memberDoc
	if err := findAfter(ctx, s.members, after, limit, &members); err != nil {
		return nil, dbError("member changes", err)
	}
	var challenges []challengeDoc
	if err := findAfter(ctx, s.challenges, after, limit, &challenges); err != nil {
		return nil, dbError("challenge changes", err)
	}

	out := make([]models.Change, 0, min(limit, len(members)+len(challenges)))
	i, j := 0, 0
	for len(out) < limit && (i < len(members) || j < len(challenges)) {
		if j == len(challenges) || (i < len(members) && members[i].Seq < challenges[j].Seq) {
			out = append(out, memberChange(&members[i]))
			i++
		} else {
			out = append(out, challengeChange(&challenges[j]))
			j++
		}
	}
	return out, nil
}

// findAfter decodes into docs up to limit documents with seq > after, tombstones included, by seq.
func findAfter(ctx context.Context, coll *mongo.Collection, after int64, limit int, docs any) error {
	cur, err := coll.Find(ctx, bson.D{{Key: "seq", Value: bson.D{{Key: "$gt", Value: after}}}},
		options.Find().SetSort(bson.D{{Key: "seq", Value: 1}}).SetLimit(int64(limit)))
	if err != nil {
		return err
	}
	return cur.All(ctx, docs)
}

func memberChange(d *memberDoc) models.Change {
	c := models.Change{Seq: d.Seq, Type: models.EntityMember, ID: d.ID, Deleted: d.Deleted}
	if !d.Deleted {
		c.Member = d.toModel()
	}
	return c
}

func challengeChange(d *challengeDoc) models.Change {
	c := models.Change{Seq: d.Seq, Type: models.EntityChallenge, ID: d.ID, Deleted: d.Deleted}
	if !d.Deleted {
		c.Challenge = d.toModel()
	}
	return c
}

// ChangeSeqs returns the numbers of the changes with after < Seq <= upTo, in increasing order: what Changes
// would return over that range, without the documents (the seq indexes answer it alone). A follower uses it to
// find, cheaply, the changes that became visible behind its checkpoint: MongoDB numbers a write before it
// inserts it, so a lower number can become visible after a higher one.
func (s *Store) ChangeSeqs(ctx context.Context, after, upTo int64) (_ []int64, err error) {
	defer models.Wrap(&err, "ChangeSeqs(%d, %d)", after, upTo)
	var out []int64
	for _, coll := range []*mongo.Collection{s.members, s.challenges} {
		cur, err := coll.Find(ctx,
			bson.D{{Key: "seq", Value: bson.D{{Key: "$gt", Value: after}, {Key: "$lte", Value: upTo}}}},
			options.Find().SetProjection(bson.D{{Key: "seq", Value: 1}, {Key: "_id", Value: 0}}).SetSort(bson.D{{Key: "seq", Value: 1}}))
		if err != nil {
			return nil, dbError("change numbers", err)
		}
		var docs []struct {
			Seq int64 `bson:"seq"`
		}
		if err := cur.All(ctx, &docs); err != nil {
			return nil, dbError("change numbers", err)
		}
		for _, d := range docs {
			out = append(out, d.Seq)
		}
	}
	slices.Sort(out)
	return out, nil
}
