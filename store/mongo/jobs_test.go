package mongo_test

import (
	"errors"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	driver "go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/hanoi-innovation/innonet/models"
	"github.com/hanoi-innovation/innonet/store/mongo"
)

// testPendingJobs checks how ClaimJobs settles the jobs that a writer left pending when it crashed between
// writing the job and confirming it: kept if the update of the subject happened, dropped if it did not.
func testPendingJobs(t *testing.T, srv server) {
	ctx := t.Context()
	name := freshDatabase()
	st := srv.open(t, mongo.WithDatabase(name))
	jobs := rawDB(t, srv, name).Collection("jobs")
	created := time.Date(2026, 5, 4, 3, 0, 0, 0, time.UTC)
	c := &models.Challenge{ID: "ch-1", PostedBy: "ag-1", Title: "Số hoá hồ sơ", Status: models.ChallengeOpen,
		CreatedAt: created, UpdatedAt: created}
	if err := st.CreateChallenge(ctx, c); err != nil {
		t.Fatal(err)
	}
	pending := func(id string, version int64) bson.D {
		return bson.D{{Key: "_id", Value: id}, {Key: "kind", Value: string(models.JobChallengePublished)},
			{Key: "subject_id", Value: "ch-1"}, {Key: "attempts", Value: 0}, {Key: "lease_until", Value: time.Time{}},
			{Key: "created_at", Value: created}, {Key: "done_at", Value: nil}, {Key: "last_error", Value: ""},
			{Key: "pending", Value: true}, {Key: "pending_until", Value: created.Add(time.Minute)},
			{Key: "subject_coll", Value: "challenges"}, {Key: "subject_version", Value: version}}
	}
	// jb-written waits for version 1, which the challenge has; jb-lost for version 2, never written.
	if _, err := jobs.InsertMany(ctx, []any{pending("jb-written", 1), pending("jb-lost", 2)}); err != nil {
		t.Fatal(err)
	}
	got, err := st.ClaimJobs(ctx, created.Add(30*time.Second), time.Minute, 10)
	if err != nil || len(got) != 0 {
		t.Fatalf("ClaimJobs within the grace of pending jobs = %v, %v; want none", got, err)
	}
	got, err = st.ClaimJobs(ctx, created.Add(time.Hour), time.Minute, 10)
	if err != nil || len(got) != 1 || got[0].ID != "jb-written" || got[0].Attempts != 1 {
		t.Fatalf("ClaimJobs after the grace = %+v, %v; want jb-written at attempt 1", got, err)
	}
	var doc struct {
		Pending bool `bson:"pending"`
	}
	if err := jobs.FindOne(ctx, bson.D{{Key: "_id", Value: "jb-written"}}).Decode(&doc); err != nil || doc.Pending {
		t.Errorf("jb-written after its claim: pending %v, %v; want confirmed", doc.Pending, err)
	}
	err = jobs.FindOne(ctx, bson.D{{Key: "_id", Value: "jb-lost"}}).Err()
	if !errors.Is(err, driver.ErrNoDocuments) {
		t.Errorf("jb-lost, whose update never happened, was not dropped: %v", err)
	}

	c.Title = "Số hoá hồ sơ đất đai"
	j := &models.Job{Kind: models.JobChallengePublished, SubjectID: "ch-1", CreatedAt: created}
	if err := st.UpdateChallengeWithJob(ctx, c, j); err != nil {
		t.Fatal(err)
	}
	if err := jobs.FindOne(ctx, bson.D{{Key: "_id", Value: j.ID}}).Decode(&doc); err != nil || doc.Pending {
		t.Errorf("a job written with its update: pending %v, %v; want confirmed at once", doc.Pending, err)
	}
}
