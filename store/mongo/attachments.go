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

// attachmentDoc is the metadata of an attachment as stored; the bytes are in GridFS (see Blobs).
type attachmentDoc struct {
	ID          string    `bson:"_id"`
	ChallengeID string    `bson:"challenge_id"`
	Name        string    `bson:"name"`
	ContentType string    `bson:"content_type"`
	Size        int64     `bson:"size"`
	SHA256      string    `bson:"sha256"`
	UploadedBy  string    `bson:"uploaded_by"`
	CreatedAt   time.Time `bson:"created_at"`
}

func toAttachmentDoc(a *models.Attachment) *attachmentDoc {
	return &attachmentDoc{ID: a.ID, ChallengeID: a.ChallengeID, Name: a.Name, ContentType: a.ContentType, Size: a.Size,
		SHA256: a.SHA256, UploadedBy: a.UploadedBy, CreatedAt: storedTime(a.CreatedAt)}
}

func (d *attachmentDoc) toModel() *models.Attachment {
	return &models.Attachment{ID: d.ID, ChallengeID: d.ChallengeID, Name: d.Name, ContentType: d.ContentType,
		Size: d.Size, SHA256: d.SHA256, UploadedBy: d.UploadedBy, CreatedAt: storedTime(d.CreatedAt)}
}

// CreateAttachment inserts the metadata; a taken id is a CodeConflict error.
func (s *Store) CreateAttachment(ctx context.Context, a *models.Attachment) (err error) {
	defer models.Wrap(&err, "CreateAttachment(%q)", a.ID)
	roundTime(&a.CreatedAt)
	if _, err := s.attachments.InsertOne(ctx, toAttachmentDoc(a)); err != nil {
		if mongo.IsDuplicateKeyError(err) {
			return duplicate("attachment", "/id", "id")
		}
		return dbError("insert attachment", err)
	}
	return nil
}

// Attachment returns the metadata of an attachment.
func (s *Store) Attachment(ctx context.Context, id string) (*models.Attachment, error) {
	var d attachmentDoc
	err := s.attachments.FindOne(ctx, byID(id)).Decode(&d)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return nil, notFound("attachment")
	case err != nil:
		return nil, dbError("find attachment", err)
	}
	return d.toModel(), nil
}

// ListAttachments returns the attachments of a challenge, oldest first (then by id).
func (s *Store) ListAttachments(ctx context.Context, challengeID string) (_ []*models.Attachment, err error) {
	defer models.Wrap(&err, "ListAttachments(%q)", challengeID)
	cur, err := s.attachments.Find(ctx, bson.D{{Key: "challenge_id", Value: challengeID}},
		options.Find().SetSort(bson.D{{Key: "created_at", Value: 1}, {Key: "_id", Value: 1}}))
	if err != nil {
		return nil, dbError("list attachments", err)
	}
	var docs []attachmentDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, dbError("list attachments", err)
	}
	out := make([]*models.Attachment, len(docs))
	for n := range docs {
		out[n] = docs[n].toModel()
	}
	return out, nil
}

// DeleteAttachment removes the metadata of an attachment.
func (s *Store) DeleteAttachment(ctx context.Context, id string) error {
	res, err := s.attachments.DeleteOne(ctx, byID(id))
	if err != nil {
		return dbError("delete attachment", err)
	}
	if res.DeletedCount == 0 {
		return notFound("attachment")
	}
	return nil
}
