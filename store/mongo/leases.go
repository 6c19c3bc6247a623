package mongo

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Helpers shared by the outbox and the jobs, which workers claim with a lease.

// claimNext leases the first document that filter selects, in sort order: it sets lease_until to until, counts
// the attempt and decodes the leased document into doc. It reports false when none is due. The update is atomic
// per document on MongoDB, so two claimers never lease the same document at once (on FerretDB v1 they can).
func claimNext(ctx context.Context, coll *mongo.Collection, filter, sort bson.D, until time.Time, doc any) (bool, error) {
	err := coll.FindOneAndUpdate(ctx, filter,
		bson.D{
			{Key: "$set", Value: bson.D{{Key: "lease_until", Value: until}}},
			{Key: "$inc", Value: bson.D{{Key: "attempts", Value: 1}}},
		},
		options.FindOneAndUpdate().SetSort(sort).SetReturnDocument(options.After)).Decode(doc)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return false, nil
	}
	return err == nil, err
}

// setByID sets fields on the document with the id; a missing document is a CodeNotFound error naming what.
func setByID(ctx context.Context, coll *mongo.Collection, id, what string, fields bson.D) error {
	res, err := coll.UpdateOne(ctx, byID(id), bson.D{{Key: "$set", Value: fields}})
	if err != nil {
		return dbError("update "+what, err)
	}
	if res.MatchedCount == 0 {
		return notFound(what)
	}
	return nil
}

// lte is the condition "at or before t".
func lte(t time.Time) bson.D { return bson.D{{Key: "$lte", Value: storedTime(t)}} }
