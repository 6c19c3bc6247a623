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

// jobIDPrefix prefixes the ids the store gives to jobs that have none.
const jobIDPrefix = "jb"

// pendingGrace is how long after its creation a pending job is left alone by the claimers, for its writer to
// update the subject and confirm the job.
const pendingGrace = time.Minute

// jobDoc is a job as stored. A job written with an update of its subject is pending until the update is known to
// have happened: it names the subject's collection and the version the update writes.
type jobDoc struct {
	ID             string     `bson:"_id"`
	Kind           string     `bson:"kind"`
	SubjectID      string     `bson:"subject_id"`
	Attempts       int        `bson:"attempts"`
	LeaseUntil     time.Time  `bson:"lease_until"`
	CreatedAt      time.Time  `bson:"created_at"`
	DoneAt         *time.Time `bson:"done_at"`
	LastError      string     `bson:"last_error"`
	Pending        bool       `bson:"pending"`
	PendingUntil   time.Time  `bson:"pending_until"`
	SubjectColl    string     `bson:"subject_coll"`
	SubjectVersion int64      `bson:"subject_version"`
}

func toJobDoc(j *models.Job, id string) *jobDoc {
	return &jobDoc{
		ID:         id,
		Kind:       string(j.Kind),
		SubjectID:  j.SubjectID,
		Attempts:   j.Attempts,
		LeaseUntil: storedTime(j.LeaseUntil),
		CreatedAt:  storedTime(j.CreatedAt),
		DoneAt:     storedTimePtr(j.DoneAt),
		LastError:  j.LastError,
	}
}

func (d *jobDoc) toModel() *models.Job {
	return &models.Job{
		ID:         d.ID,
		Kind:       models.JobKind(d.Kind),
		SubjectID:  d.SubjectID,
		Attempts:   d.Attempts,
		LeaseUntil: storedTime(d.LeaseUntil),
		CreatedAt:  storedTime(d.CreatedAt),
		DoneAt:     storedTimePtr(d.DoneAt),
		LastError:  d.LastError,
	}
}

// UpdateChallengeWithJob is UpdateChallenge and the creation of j: both or neither, as seen by ClaimJobs (see
// writeWithJob). A job without an id gets one; a taken job id is a CodeConflict error.
func (s *Store) UpdateChallengeWithJob(ctx context.Context, c *models.Challenge, j *models.Job) (err error) {
	defer models.Wrap(&err, "UpdateChallengeWithJob(%q)", c.ID)
	return s.writeWithJob(ctx, s.challenges, c.Version+1, j, func() error { return s.UpdateChallenge(ctx, c) })
}

// UpdateMemberWithJob is UpdateMember and the creation of j: both or neither, as seen by ClaimJobs (see
// writeWithJob). A job without an id gets one; a taken job id is a CodeConflict error.
func (s *Store) UpdateMemberWithJob(ctx context.Context, m *models.Member, j *models.Job) (err error) {
	defer models.Wrap(&err, "UpdateMemberWithJob(%q)", m.ID)
	return s.writeWithJob(ctx, s.members, m.Version+1, j, func() error { return s.UpdateMember(ctx, m) })
}

// CreateInterestWithJob is CreateInterest and the creation of j, whose subject is the interest: both or
// neither, as seen by ClaimJobs (see writeWithJob). An interest or a job without an id gets one; a taken job id
// is a CodeConflict error.
func (s *Store) CreateInterestWithJob(ctx context.Context, i *models.Interest, j *models.Job) (err error) {
	defer models.Wrap(&err, "CreateInterestWithJob(%q, %q)", i.ChallengeID, i.MemberID)
	if i.ID == "" {
		i.ID = models.NewID(interestIDPrefix)
	}
	return s.writeWithJob(ctx, s.interests, 1, j, func() error { return s.CreateInterest(ctx, i) })
}

// UpdateInterestWithJob is UpdateInterest and the creation of j, whose subject is the interest: both or
// neither, as seen by ClaimJobs (see writeWithJob). A job without an id gets one; a taken job id is a
// CodeConflict error.
func (s *Store) UpdateInterestWithJob(ctx context.Context, i *models.Interest, j *models.Job) (err error) {
	defer models.Wrap(&err, "UpdateInterestWithJob(%q)", i.ID)
	return s.writeWithJob(ctx, s.interests, i.Version+1, j, func() error { return s.UpdateInterest(ctx, i) })
}

// CreateQuestionWithJob is CreateQuestion and the creation of j, whose subject is the question: both or
// neither, as seen by ClaimJobs (see writeWithJob). A question or a job without an id gets one; a taken job id
// is a CodeConflict error.
func (s *Store) CreateQuestionWithJob(ctx context.Context, q *models.Question, j *models.Job) (err error) {
	defer models.Wrap(&err, "CreateQuestionWithJob(%q)", q.ChallengeID)
	if q.ID == "" {
		q.ID = models.NewID("qa")
	}
	return s.writeWithJob(ctx, s.questions, 1, j, func() error { return s.CreateQuestion(ctx, q) })
}

// UpdateQuestionWithJob is UpdateQuestion and the creation of j, whose subject is the question: both or
// neither, as seen by ClaimJobs (see writeWithJob). A job without an id gets one; a taken job id is a
// CodeConflict error.
func (s *Store) UpdateQuestionWithJob(ctx context.Context, q *models.Question, j *models.Job) (err error) {
	defer models.Wrap(&err, "UpdateQuestionWithJob(%q)", q.ID)
	return s.writeWithJob(ctx, s.questions, q.Version+1, j, func() error { return s.UpdateQuestion(ctx, q) })
}

// writeWithJob writes a job and runs update, the conditional write of its subject to version, without a
// transaction (FerretDB has none, nor MongoDB outside replica sets):
//
//  1. The job is inserted pending: claimers leave it alone until pendingGrace after its CreatedAt.
//  2. update runs. If it fails, the job is deleted.
//  3. The job is confirmed: no longer pending, it is claimable at once.
//
// A crash between 1 and 3, or a failed delete or confirmation, leaves a pending job. A claimer that finds one
// after its grace decides by the subject: at the version of the update or later, the update happened and the job
// is confirmed and run; otherwise it never will and the job is dropped. If the subject reached that version by
// another writer, the job runs needlessly, which at-least-once jobs tolerate. No interleaving of writer and
// claimer loses a job whose update happened: a writer whose confirmation finds the job gone inserts it again.
func (s *Store) writeWithJob(ctx context.Context, subject *mongo.Collection, version int64, j *models.Job, update func() error) error {
	id := j.ID
	if id == "" {
		id = models.NewID(jobIDPrefix)
	}
	d := toJobDoc(j, id)
	d.Pending, d.PendingUntil, d.SubjectColl, d.SubjectVersion = true, d.CreatedAt.Add(pendingGrace), subject.Name(), version
	if _, err := s.jobs.InsertOne(ctx, d); err != nil {
		if mongo.IsDuplicateKeyError(err) {
			return duplicate("job", "/id", "id")
		}
		return dbError("insert job", err)
	}
	if err := update(); err != nil {
		// Undo even when ctx was cancelled; a leftover is dropped by a claimer anyway.
		uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), undoTimeout)
		defer cancel()
		if _, derr := s.jobs.DeleteOne(uctx, pendingJob(id)); derr != nil {
			return errors.Join(err, dbError("undo job", derr))
		}
		return err
	}
	j.ID = id
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), undoTimeout)
	defer cancel()
	res, err := s.jobs.UpdateOne(cctx, pendingJob(id), confirmJob())
	if err == nil && res.MatchedCount == 0 {
		d.Pending = false
		if _, err := s.jobs.InsertOne(cctx, d); err != nil && !mongo.IsDuplicateKeyError(err) {
			return dbError("the update is written, but its job was dropped and cannot be inserted again", err)
		}
	}
	// A failed confirmation leaves the job pending: a claimer confirms it after its grace.
	return nil
}

// pendingJob selects the job with the id if it is still pending.
func pendingJob(id string) bson.D {
	return bson.D{{Key: "_id", Value: id}, {Key: "pending", Value: true}}
}

// confirmJob is the update that makes a pending job claimable.
func confirmJob() bson.D {
	return bson.D{{Key: "$set", Value: bson.D{{Key: "pending", Value: false}}}}
}

// ClaimJobs leases up to limit unfinished jobs whose lease ended, oldest first: it sets their lease to
// now+lease, counts the attempt and returns them. Each job is claimed by one atomic update, so concurrent
// claimers share the jobs out. Pending jobs past their grace are confirmed or dropped (see writeWithJob). A limit
// below 1 claims nothing.
func (s *Store) ClaimJobs(ctx context.Context, now time.Time, lease time.Duration, limit int) (_ []*models.Job, err error) {
	defer models.Wrap(&err, "ClaimJobs")
	filter := bson.D{{Key: "done_at", Value: nil}, {Key: "lease_until", Value: lte(now)}, {Key: "$or", Value: bson.A{
		bson.D{{Key: "pending", Value: false}}, bson.D{{Key: "pending_until", Value: lte(now)}},
	}}}
	sort := bson.D{{Key: "created_at", Value: 1}, {Key: "_id", Value: 1}}
	var out []*models.Job
	for len(out) < limit {
		var d jobDoc
		ok, err := claimNext(ctx, s.jobs, filter, sort, storedTime(now.Add(lease)), &d)
		if err != nil {
			return nil, dbError("claim job", err)
		}
		if !ok {
			break
		}
		if d.Pending {
			if ok, err = s.settlePending(ctx, &d); err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
		}
		out = append(out, d.toModel())
	}
	return out, nil
}

// settlePending decides a pending job that the caller just leased: it confirms it and reports true if its
// subject reached the version the job waits for, and drops it otherwise.
func (s *Store) settlePending(ctx context.Context, d *jobDoc) (bool, error) {
	var subject struct {
		Version int64 `bson:"version"`
	}
	err := s.db.Collection(d.SubjectColl).FindOne(ctx, byID(d.SubjectID),
		options.FindOne().SetProjection(bson.D{{Key: "version", Value: 1}})).Decode(&subject)
	if err != nil && !errors.Is(err, mongo.ErrNoDocuments) {
		return false, dbError("check the subject of a pending job", err)
	}
	if err == nil && subject.Version >= d.SubjectVersion {
		if _, err := s.jobs.UpdateOne(ctx, pendingJob(d.ID), confirmJob()); err != nil {
			return false, dbError("confirm a pending job", err)
		}
		return true, nil
	}
	// Only while still pending and leased by this claim: a writer may have confirmed it in the meantime.
	_, err = s.jobs.DeleteOne(ctx, append(pendingJob(d.ID), bson.E{Key: "lease_until", Value: d.LeaseUntil}))
	if err != nil {
		return false, dbError("drop a pending job", err)
	}
	return false, nil
}

// CompleteJob records that the job is done: it is never claimed again.
func (s *Store) CompleteJob(ctx context.Context, id string, now time.Time) error {
	return setByID(ctx, s.jobs, id, "job", bson.D{{Key: "done_at", Value: storedTime(now)}})
}

// FailJob records an error and releases the job until retryAt, when it is due again.
func (s *Store) FailJob(ctx context.Context, id, lastError string, retryAt time.Time) error {
	return setByID(ctx, s.jobs, id, "job",
		bson.D{{Key: "last_error", Value: lastError}, {Key: "lease_until", Value: storedTime(retryAt)}})
}
