package mongo

import (
	"context"
	"errors"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// changeCounter is the id of the counter document that numbers the writes to members and challenges. One
// counter serves both collections, so that their changes merge into one order.
const changeCounter = "changes"

type counterDoc struct {
	ID  string `bson:"_id"`
	Seq int64  `bson:"seq"`
}

// nextSeq takes the next number of the change sequence. Numbers are taken before the write they mark, so a
// number can be lost (a failed write) and concurrent writes can land out of order: a follower of the feed
// replays with some overlap.
func (s *Store) nextSeq(ctx context.Context) (int64, error) {
	return s.nextSeqs(ctx, 1)
}

// nextSeqs takes n consecutive numbers of the change sequence in one round trip and returns the first.
func (s *Store) nextSeqs(ctx context.Context, n int) (int64, error) {
	return s.takeNumbers(ctx, changeCounter, n)
}

// takeNumbers takes n consecutive numbers of the named counter in one round trip and returns the first. The
// first number of a counter is 1.
func (s *Store) takeNumbers(ctx context.Context, counter string, n int) (int64, error) {
	var c counterDoc
	err := s.counters.FindOneAndUpdate(ctx, bson.D{{Key: "_id", Value: counter}},
		bson.D{{Key: "$inc", Value: bson.D{{Key: "seq", Value: int64(n)}}}},
		options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.After)).Decode(&c)
	if err != nil {
		return 0, dbError("next number of "+counter, err)
	}
	return c.Seq - int64(n) + 1, nil
}

// LastSeq returns the highest change number carried by a member or a challenge, 0 before the first write. A
// number taken by a write that then failed is not counted, so a follower that has seen every change is level
// with LastSeq.
func (s *Store) LastSeq(ctx context.Context) (int64, error) {
	var last int64
	for _, coll := range []*mongo.Collection{s.members, s.challenges} {
		var d struct {
			Seq int64 `bson:"seq"`
		}
		err := coll.FindOne(ctx, bson.D{}, options.FindOne().SetSort(bson.D{{Key: "seq", Value: -1}}).
			SetProjection(bson.D{{Key: "seq", Value: 1}})).Decode(&d)
		if errors.Is(err, mongo.ErrNoDocuments) {
			continue
		}
		if err != nil {
			return 0, dbError("last change sequence", err)
		}
		last = max(last, d.Seq)
	}
	return last, nil
}
