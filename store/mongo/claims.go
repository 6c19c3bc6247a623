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

// claimDoc is a claim request as stored.
type claimDoc struct {
	ID        string     `bson:"_id"`
	MemberID  string     `bson:"member_id"`
	AccountID string     `bson:"account_id"`
	Message   string     `bson:"message"`
	Status    string     `bson:"status"`
	CreatedAt time.Time  `bson:"created_at"`
	DecidedAt *time.Time `bson:"decided_at"`
	DecidedBy string     `bson:"decided_by"`
}

func toClaimDoc(r *models.ClaimRequest) *claimDoc {
	return &claimDoc{ID: r.ID, MemberID: r.MemberID, AccountID: r.AccountID, Message: r.Message, Status: string(r.Status),
		CreatedAt: storedTime(r.CreatedAt), DecidedAt: storedTimePtr(r.DecidedAt), DecidedBy: r.DecidedBy}
}

func (d *claimDoc) toModel() *models.ClaimRequest {
	return &models.ClaimRequest{ID: d.ID, MemberID: d.MemberID, AccountID: d.AccountID, Message: d.Message,
		Status: models.ClaimStatus(d.Status), CreatedAt: storedTime(d.CreatedAt), DecidedAt: storedTimePtr(d.DecidedAt),
		DecidedBy: d.DecidedBy}
}

func (s *Store) claims() *mongo.Collection { return s.db.Collection(collClaims) }

// CreateClaimRequest stores a request to claim a profile. A taken id is a CodeConflict error.
func (s *Store) CreateClaimRequest(ctx context.Context, r *models.ClaimRequest) (err error) {
	defer models.Wrap(&err, "CreateClaimRequest")
	if r.ID == "" {
		r.ID = models.NewID("cr")
	}
	roundTime(&r.CreatedAt)
	roundTimePtr(&r.DecidedAt)
	if _, err := s.claims().InsertOne(ctx, toClaimDoc(r)); err != nil {
		if mongo.IsDuplicateKeyError(err) {
			return duplicate("claim request", "/id", "id")
		}
		return dbError("insert claim request", err)
	}
	return nil
}

// ClaimRequest returns the request with the id.
func (s *Store) ClaimRequest(ctx context.Context, id string) (*models.ClaimRequest, error) {
	var d claimDoc
	err := s.claims().FindOne(ctx, byID(id)).Decode(&d)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return nil, notFound("claim request")
	case err != nil:
		return nil, dbError("find claim request", err)
	}
	return d.toModel(), nil
}

// ListClaimRequests returns a page of requests with the status (any when empty), newest first.
func (s *Store) ListClaimRequests(ctx context.Context, status models.ClaimStatus, page models.Page) ([]*models.ClaimRequest, int, error) {
	filter := bson.D{}
	if status != "" {
		filter = bson.D{{Key: "status", Value: string(status)}}
	}
	var docs []claimDoc
	total, err := findPageSorted(ctx, s.claims(), filter, bson.D{{Key: "created_at", Value: -1}, {Key: "_id", Value: 1}}, page, &docs)
	if err != nil {
		return nil, 0, dbError("list claim requests", err)
	}
	out := make([]*models.ClaimRequest, len(docs))
	for i := range docs {
		out[i] = docs[i].toModel()
	}
	return out, total, nil
}

// DecideClaimRequest sets the status of a pending request with one conditional findAndModify.
func (s *Store) DecideClaimRequest(ctx context.Context, id string, status models.ClaimStatus, by string, now time.Time) (*models.ClaimRequest, error) {
	var d claimDoc
	err := s.claims().FindOneAndUpdate(ctx, bson.D{{Key: "_id", Value: id}, {Key: "status", Value: string(models.ClaimPending)}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "status", Value: string(status)}, {Key: "decided_at", Value: storedTime(now)},
			{Key: "decided_by", Value: by}}}},
		options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&d)
	if err == nil {
		return d.toModel(), nil
	}
	if !errors.Is(err, mongo.ErrNoDocuments) {
		return nil, dbError("decide claim request", err)
	}
	r, ferr := s.ClaimRequest(ctx, id)
	if ferr != nil {
		return nil, ferr
	}
	return r, models.Errorf(models.CodeConflict, "the claim request was already decided")
}
