package sqlite

import (
	"context"
	"database/sql"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// jobIDPrefix prefixes the ids the store gives to jobs that have none.
const jobIDPrefix = "jb"

const jobColumns = "id, kind, subject_id, attempts, lease_until, created_at, done_at, last_error"

// jobRow receives a row of jobColumns.
type jobRow struct {
	j              models.Job
	lease, created int64
	done           sql.NullInt64
}

func (r *jobRow) dest() []any {
	return []any{&r.j.ID, &r.j.Kind, &r.j.SubjectID, &r.j.Attempts, &r.lease, &r.created, &r.done, &r.j.LastError}
}

func (r *jobRow) model() *models.Job {
	j := r.j
	j.LeaseUntil, j.CreatedAt, j.DoneAt = fromMS(r.lease), fromMS(r.created), fromMSPtr(r.done)
	return &j
}

// UpdateChallengeWithJob is UpdateChallenge and the creation of j in one transaction: both or neither. A job
// without an id gets one; a taken job id is a conflict.
func (s *Store) UpdateChallengeWithJob(ctx context.Context, c *models.Challenge, j *models.Job) (err error) {
	defer models.Wrap(&err, "sqlite.UpdateChallengeWithJob(%q)", c.ID)
	r, err := challengeRow(c)
	if err != nil {
		return err
	}
	if err := s.updateWithJob(ctx, &s.challenges, r, c.Version, j); err != nil {
		return err
	}
	c.Version++
	return nil
}

// UpdateMemberWithJob is UpdateMember and the creation of j in one transaction: both or neither. A job without
// an id gets one; a taken job id is a conflict.
func (s *Store) UpdateMemberWithJob(ctx context.Context, m *models.Member, j *models.Job) (err error) {
	defer models.Wrap(&err, "sqlite.UpdateMemberWithJob(%q)", m.ID)
	r, err := memberRow(m)
	if err != nil {
		return err
	}
	if err := s.updateWithJob(ctx, &s.members, r, m.Version, j); err != nil {
		return err
	}
	m.Version++
	return nil
}

func (s *Store) updateWithJob(ctx context.Context, d *docTable, r row, version int64, j *models.Job) error {
	return s.writeWithJob(ctx, j, func(t *txn) error { return t.updateDoc(d, r, version) })
}

// CreateInterestWithJob is CreateInterest and the creation of j in one transaction: both or neither. A job
// without an id gets one; a taken job id is a conflict.
func (s *Store) CreateInterestWithJob(ctx context.Context, i *models.Interest, j *models.Job) (err error) {
	defer models.Wrap(&err, "sqlite.CreateInterestWithJob(%q, %q)", i.ChallengeID, i.MemberID)
	if i.ID == "" {
		i.ID = models.NewID(interestIDPrefix)
	}
	if err := s.writeWithJob(ctx, j, func(t *txn) error { return t.createInterest(i) }); err != nil {
		return err
	}
	i.Version = 1
	return nil
}

// UpdateInterestWithJob is UpdateInterest and the creation of j in one transaction: both or neither. A job
// without an id gets one; a taken job id is a conflict.
func (s *Store) UpdateInterestWithJob(ctx context.Context, i *models.Interest, j *models.Job) (err error) {
	defer models.Wrap(&err, "sqlite.UpdateInterestWithJob(%q)", i.ID)
	if err := s.writeWithJob(ctx, j, func(t *txn) error { return t.updateInterest(i) }); err != nil {
		return err
	}
	i.Version++
	return nil
}

// CreateQuestionWithJob is CreateQuestion and the creation of j in one transaction: both or neither. A job
// without an id gets one; a taken job id is a conflict.
func (s *Store) CreateQuestionWithJob(ctx context.Context, q *models.Question, j *models.Job) (err error) {
	defer models.Wrap(&err, "sqlite.CreateQuestionWithJob(%q)", q.ChallengeID)
	if q.ID == "" {
		q.ID = models.NewID("qa")
	}
	if err := s.writeWithJob(ctx, j, func(t *txn) error { return t.createQuestion(q) }); err != nil {
		return err
	}
	q.Version = 1
	return nil
}

// UpdateQuestionWithJob is UpdateQuestion and the creation of j in one transaction: both or neither. A job
// without an id gets one; a taken job id is a conflict.
func (s *Store) UpdateQuestionWithJob(ctx context.Context, q *models.Question, j *models.Job) (err error) {
	defer models.Wrap(&err, "sqlite.UpdateQuestionWithJob(%q)", q.ID)
	if err := s.writeWithJob(ctx, j, func(t *txn) error { return t.updateQuestion(q) }); err != nil {
		return err
	}
	q.Version++
	return nil
}

// writeWithJob runs write and inserts j in one transaction.
func (s *Store) writeWithJob(ctx context.Context, j *models.Job, write func(t *txn) error) error {
	id := j.ID
	if id == "" {
		id = models.NewID(jobIDPrefix)
	}
	err := s.write(ctx, func(t *txn) error {
		if err := write(t); err != nil {
			return err
		}
		_, err := t.exec("INSERT INTO jobs ("+jobColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, string(j.Kind), j.SubjectID,
			j.Attempts, ms(j.LeaseUntil), ms(j.CreatedAt), msPtr(j.DoneAt), j.LastError)
		if models.ErrorCode(err) == models.CodeConflict {
			return conflict("/id", "a job with this id already exists")
		}
		return err
	})
	if err != nil {
		return err
	}
	j.ID = id
	return nil
}

// ClaimJobs leases, in one transaction, up to limit unfinished jobs whose lease ended, oldest first: it sets
// their lease to now+lease, counts the attempt and returns them. A limit below 1 claims nothing.
func (s *Store) ClaimJobs(ctx context.Context, now time.Time, lease time.Duration, limit int) (out []*models.Job, err error) {
	defer models.Wrap(&err, "sqlite.ClaimJobs")
	if limit < 1 {
		return nil, nil
	}
	until := ms(now.Add(lease))
	err = s.write(ctx, func(t *txn) error {
		err := t.each("SELECT "+jobColumns+" FROM jobs WHERE done_at IS NULL AND lease_until <= ? ORDER BY created_at, rowid LIMIT ?",
			[]any{ms(now), limit}, func(rows *sql.Rows) error {
				var r jobRow
				if err := rows.Scan(r.dest()...); err != nil {
					return err
				}
				j := r.model()
				j.Attempts++
				j.LeaseUntil = fromMS(until)
				out = append(out, j)
				return nil
			})
		if err != nil {
			return err
		}
		for _, j := range out {
			if _, err := t.exec("UPDATE jobs SET lease_until = ?, attempts = attempts + 1 WHERE id = ?", until, j.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// CompleteJob records that the job is done: it is never claimed again.
func (s *Store) CompleteJob(ctx context.Context, id string, now time.Time) (err error) {
	defer models.Wrap(&err, "sqlite.CompleteJob(%q)", id)
	return s.writeOne(ctx, "job", "UPDATE jobs SET done_at = ? WHERE id = ?", ms(now), id)
}

// FailJob records an error and releases the job until retryAt, when it is due again.
func (s *Store) FailJob(ctx context.Context, id, lastError string, retryAt time.Time) (err error) {
	defer models.Wrap(&err, "sqlite.FailJob(%q)", id)
	return s.writeOne(ctx, "job", "UPDATE jobs SET last_error = ?, lease_until = ? WHERE id = ?", lastError, ms(retryAt), id)
}
