package mongo

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Helpers shared by the writes of members and challenges.

// byID filters by document id.
func byID(v string) bson.D { return bson.D{{Key: "_id", Value: v}} }

// live filters a member or a challenge by id, tombstones excluded.
func live(v string) bson.D { return bson.D{{Key: "_id", Value: v}, {Key: "deleted", Value: false}} }

// liveAt filters by id and version, tombstones excluded: the condition of an optimistic write.
func liveAt(v string, version int64) bson.D {
	return bson.D{{Key: "_id", Value: v}, {Key: "version", Value: version}, {Key: "deleted", Value: false}}
}

// setFields encodes doc and returns its fields without those named in drop, for a $set.
func setFields(doc any, drop ...string) (bson.D, error) {
	raw, err := bson.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("mongo: encode: %w", err)
	}
	var all bson.D
	if err := bson.Unmarshal(raw, &all); err != nil {
		return nil, fmt.Errorf("mongo: encode: %w", err)
	}
	out := all[:0]
next:
	for _, e := range all {
		for _, k := range drop {
			if e.Key == k {
				continue next
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// replaceBumping sets every field of doc on the document that filter selects and increments its version,
// returning the new version. With upsert a missing document is created at version 1; without it, a missing
// document is mongo.ErrNoDocuments.
func replaceBumping(ctx context.Context, coll *mongo.Collection, filter bson.D, doc any, upsert bool) (int64, error) {
	update, err := bumpingUpdate(doc)
	if err != nil {
		return 0, err
	}
	var got struct {
		Version int64 `bson:"version"`
	}
	// No projection: FerretDB v1 does not implement one on findAndModify.
	err = coll.FindOneAndUpdate(ctx, filter, update,
		options.FindOneAndUpdate().SetUpsert(upsert).SetReturnDocument(options.After)).Decode(&got)
	return got.Version, err
}

// bumpingUpdate is the update that sets every field of doc but its id and version, and increments the version.
func bumpingUpdate(doc any) (bson.D, error) {
	fields, err := setFields(doc, "_id", "version")
	if err != nil {
		return nil, err
	}
	return bson.D{{Key: "$set", Value: fields}, {Key: "$inc", Value: bson.D{{Key: "version", Value: int64(1)}}}}, nil
}

// versions returns the stored version of each of the ids.
func versions(ctx context.Context, coll *mongo.Collection, ids []string) (map[string]int64, error) {
	cur, err := coll.Find(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}},
		options.Find().SetProjection(bson.D{{Key: "version", Value: 1}}))
	if err != nil {
		return nil, err
	}
	var docs []struct {
		ID      string `bson:"_id"`
		Version int64  `bson:"version"`
	}
	if err := cur.All(ctx, &docs); err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(docs))
	for _, d := range docs {
		out[d.ID] = d.Version
	}
	return out, nil
}

// writeFailure explains why a conditional write on a live document matched nothing: the document is gone
// (not found) or its version moved on (conflict).
func writeFailure(ctx context.Context, coll *mongo.Collection, docID, what string) error {
	err := coll.FindOne(ctx, live(docID), options.FindOne().SetProjection(bson.D{{Key: "_id", Value: 1}})).Err()
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return notFound(what)
	case err != nil:
		return dbError("check "+what, err)
	}
	return staleVersion(what)
}

// upsertBatch is the largest number of documents an upsert sends in one bulk write.
const upsertBatch = 500

// insertNew inserts docs unordered and returns the positions of those left out because a unique key was taken;
// any other failure is an error. The other documents are inserted whatever happens to those.
func insertNew(ctx context.Context, coll *mongo.Collection, docs []any) (map[int]bool, error) {
	_, err := coll.InsertMany(ctx, docs, options.InsertMany().SetOrdered(false))
	if err == nil {
		return nil, nil
	}
	var bwe mongo.BulkWriteException
	if !errors.As(err, &bwe) || bwe.WriteConcernError != nil {
		return nil, err
	}
	taken := make(map[int]bool, len(bwe.WriteErrors))
	for _, we := range bwe.WriteErrors {
		if !mongo.IsDuplicateKeyError(we.WriteError) {
			return nil, err
		}
		taken[we.Index] = true
	}
	return taken, nil
}

// firstOfEachKey returns the positions of the first item of each key, in order.
func firstOfEachKey(n int, key func(i int) string) []int {
	seen := make(map[string]bool, n)
	var out []int
	for i := range n {
		if k := key(i); !seen[k] {
			seen[k] = true
			out = append(out, i)
		}
	}
	return out
}
