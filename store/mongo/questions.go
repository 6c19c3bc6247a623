package mongo

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/hanoi-innovation/innonet/models"
)

// questionDoc is a question as stored; answered mirrors answered_at for the filters.
type questionDoc struct {
	ID             string     `bson:"_id"`
	ChallengeID    string     `bson:"challenge_id"`
	AskerAccountID string     `bson:"asker_account_id"`
	Text           string     `bson:"text"`
	Answer         string     `bson:"answer"`
	AnsweredBy     string     `bson:"answered_by"`
	Answered       bool       `bson:"answered"`
	CreatedAt      time.Time  `bson:"created_at"`
	AnsweredAt     *time.Time `bson:"answered_at"`
	Version        int64      `bson:"version"`
}

func toQuestionDoc(q *models.Question) *questionDoc {
	return &questionDoc{ID: q.ID, ChallengeID: q.ChallengeID, AskerAccountID: q.AskerAccountID, Text: q.Text,
		Answer: q.Answer, AnsweredBy: q.AnsweredBy, Answered: q.AnsweredAt != nil, CreatedAt: storedTime(q.CreatedAt),
		AnsweredAt: storedTimePtr(q.AnsweredAt), Version: q.Version}
}

func (d *questionDoc) toModel() *models.Question {
	return &models.Question{ID: d.ID, ChallengeID: d.ChallengeID, AskerAccountID: d.AskerAccountID, Text: d.Text,
		Answer: d.Answer, AnsweredBy: d.AnsweredBy, CreatedAt: storedTime(d.CreatedAt),
		AnsweredAt: storedTimePtr(d.AnsweredAt), Version: d.Version}
}

// CreateQuestion inserts q at version 1, giving it an id when it has none.
func (s *Store) CreateQuestion(ctx context.Context, q *models.Question) (err error) {
	defer models.Wrap(&err, "CreateQuestion(%q)", q.ChallengeID)
	if q.ID == "" {
		q.ID = models.NewID("qa")
	}
	roundTime(&q.CreatedAt)
	roundTimePtr(&q.AnsweredAt)
	d := toQuestionDoc(q)
	d.Version = 1
	if _, err := s.questions.InsertOne(ctx, d); err != nil {
		if mongo.IsDuplicateKeyError(err) {
			return duplicate("question", "/id", "id")
		}
		return dbError("insert question", err)
	}
	q.Version = 1
	return nil
}

// Question returns the question with the id.
func (s *Store) Question(ctx context.Context, id string) (*models.Question, error) {
	var d questionDoc
	err := s.questions.FindOne(ctx, byID(id)).Decode(&d)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return nil, notFound("question")
	case err != nil:
		return nil, dbError("find question", err)
	}
	return d.toModel(), nil
}

// UpdateQuestion replaces the question if its stored version is still q.Version, then increments q.Version.
func (s *Store) UpdateQuestion(ctx context.Context, q *models.Question) (err error) {
	defer models.Wrap(&err, "UpdateQuestion(%q)", q.ID)
	roundTime(&q.CreatedAt)
	roundTimePtr(&q.AnsweredAt)
	d := toQuestionDoc(q)
	d.Version = q.Version + 1
	res, err := s.questions.ReplaceOne(ctx, bson.D{{Key: "_id", Value: q.ID}, {Key: "version", Value: q.Version}}, d)
	switch {
	case err != nil:
		return dbError("update question", err)
	case res.MatchedCount == 0:
		if _, ferr := s.Question(ctx, q.ID); ferr != nil {
			return ferr
		}
		return staleVersion("question")
	}
	q.Version = d.Version
	return nil
}

// ListQuestions returns a page of questions, oldest first (then by id), and how many match in all.
func (s *Store) ListQuestions(ctx context.Context, f models.QuestionFilter) (_ []*models.Question, _ int, err error) {
	defer models.Wrap(&err, "ListQuestions(%q)", f.ChallengeID)
	filter := bson.D{}
	if f.ChallengeID != "" {
		filter = append(filter, bson.E{Key: "challenge_id", Value: f.ChallengeID})
	}
	if f.AskerAccountID != "" {
		filter = append(filter, bson.E{Key: "asker_account_id", Value: f.AskerAccountID})
	}
	if f.Answered != nil {
		filter = append(filter, bson.E{Key: "answered", Value: *f.Answered})
	}
	var docs []questionDoc
	oldest := bson.D{{Key: "created_at", Value: 1}, {Key: "_id", Value: 1}}
	total, err := findPageSorted(ctx, s.questions, filter, oldest, f.Page, &docs)
	if err != nil {
		return nil, 0, dbError("list questions", err)
	}
	out := make([]*models.Question, len(docs))
	for n := range docs {
		out[n] = docs[n].toModel()
	}
	return out, total, nil
}
