package mongo

import (
	"context"

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
