package mongo

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/hanoi-innovation/innonet/models"
)

// recentFirst orders lists: last update first, then by id so that pages are stable.
func recentFirst() bson.D { return bson.D{{Key: "updated_at", Value: -1}, {Key: "_id", Value: 1}} }

// findPage decodes one page of the documents that filter selects, in recentFirst order, into docs (a pointer
// to a slice), and returns how many documents match in all.
func findPage(ctx context.Context, coll *mongo.Collection, filter bson.D, p models.Page, docs any) (int, error) {
	return findPageSorted(ctx, coll, filter, recentFirst(), p, docs)
}

// findPageSorted is findPage in the order of sort.
func findPageSorted(ctx context.Context, coll *mongo.Collection, filter, sort bson.D, p models.Page, docs any) (int, error) {
	p = p.Normalized()
	total, err := coll.CountDocuments(ctx, filter)
	if err != nil {
		return 0, err
	}
	cur, err := coll.Find(ctx, filter, options.Find().SetSort(sort).
		SetSkip(int64(p.Offset())).SetLimit(int64(p.PerPage)))
	if err != nil {
		return 0, err
	}
	if err := cur.All(ctx, docs); err != nil {
		return 0, err
	}
	return int(total), nil
}
