package sqlite

import (
	"context"
	"database/sql"

	"github.com/hanoi-innovation/innonet/models"
)

const questionColumns = "id, challenge_id, asker_account_id, text, answer, answered_by, created_at, answered_at, version"

// questionRow receives a row of questionColumns.
type questionRow struct {
	q        models.Question
	created  int64
	answered sql.NullInt64
}

func (r *questionRow) dest() []any {
	return []any{&r.q.ID, &r.q.ChallengeID, &r.q.AskerAccountID, &r.q.Text, &r.q.Answer, &r.q.AnsweredBy,
		&r.created, &r.answered, &r.q.Version}
}

func (r *questionRow) model() *models.Question {
	q := r.q
	q.CreatedAt, q.AnsweredAt = fromMS(r.created), fromMSPtr(r.answered)
	return &q
}

// CreateQuestion stores a new question at version 1, giving it an id when it has none.
func (s *Store) CreateQuestion(ctx context.Context, q *models.Question) (err error) {
	defer models.Wrap(&err, "sqlite.CreateQuestion(%q)", q.ChallengeID)
	if q.ID == "" {
		q.ID = models.NewID("qa")
	}
	if err := s.write(ctx, func(t *txn) error { return t.createQuestion(q) }); err != nil {
		return err
	}
	q.Version = 1
	return nil
}

// createQuestion inserts q at version 1 in the transaction.
func (t *txn) createQuestion(q *models.Question) error {
	_, err := t.exec("INSERT INTO questions ("+questionColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
		q.ID, q.ChallengeID, q.AskerAccountID, q.Text, q.Answer, q.AnsweredBy, ms(q.CreatedAt), msPtr(q.AnsweredAt))
	if models.ErrorCode(err) == models.CodeConflict {
		return conflict("/id", "a question with this id already exists")
	}
	return err
}

// Question returns the question with the id.
func (s *Store) Question(ctx context.Context, id string) (_ *models.Question, err error) {
	defer models.Wrap(&err, "sqlite.Question(%q)", id)
	var r questionRow
	err = s.read(ctx, func(t *txn) error {
		return t.row("SELECT "+questionColumns+" FROM questions WHERE id = ?", []any{id}, r.dest()...)
	})
	if models.ErrorCode(err) == models.CodeNotFound {
		return nil, notFound("question")
	}
	if err != nil {
		return nil, err
	}
	return r.model(), nil
}

// UpdateQuestion writes q if the stored version is still q.Version, then increments q.Version.
func (s *Store) UpdateQuestion(ctx context.Context, q *models.Question) (err error) {
	defer models.Wrap(&err, "sqlite.UpdateQuestion(%q)", q.ID)
	if err := s.write(ctx, func(t *txn) error { return t.updateQuestion(q) }); err != nil {
		return err
	}
	q.Version++
	return nil
}

// updateQuestion writes q in the transaction if the stored version is still q.Version.
func (t *txn) updateQuestion(q *models.Question) error {
	n, err := t.exec("UPDATE questions SET challenge_id = ?, asker_account_id = ?, text = ?, answer = ?, answered_by = ?, "+
		"created_at = ?, answered_at = ?, version = version + 1 WHERE id = ? AND version = ?",
		q.ChallengeID, q.AskerAccountID, q.Text, q.Answer, q.AnsweredBy, ms(q.CreatedAt), msPtr(q.AnsweredAt), q.ID, q.Version)
	if err != nil || n > 0 {
		return err
	}
	return t.staleOrMissing("questions", "question", q.ID)
}

// ListQuestions returns a page of questions, oldest first, and the total that match.
func (s *Store) ListQuestions(ctx context.Context, f models.QuestionFilter) (out []*models.Question, total int, err error) {
	defer models.Wrap(&err, "sqlite.ListQuestions(%q)", f.ChallengeID)
	var w filter
	w.eq("challenge_id", f.ChallengeID)
	w.eq("asker_account_id", f.AskerAccountID)
	if f.Answered != nil {
		if *f.Answered {
			w.where = append(w.where, "answered_at IS NOT NULL")
		} else {
			w.where = append(w.where, "answered_at IS NULL")
		}
	}
	page := f.Page.Normalized()
	err = s.read(ctx, func(t *txn) error {
		if err := t.row("SELECT COUNT(*) FROM questions"+w.sql(), w.args, &total); err != nil {
			return err
		}
		query := "SELECT " + questionColumns + " FROM questions" + w.sql() + " ORDER BY created_at, id LIMIT ? OFFSET ?"
		return t.each(query, append(w.args, page.PerPage, page.Offset()), func(rows *sql.Rows) error {
			var r questionRow
			if err := rows.Scan(r.dest()...); err != nil {
				return err
			}
			out = append(out, r.model())
			return nil
		})
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}
