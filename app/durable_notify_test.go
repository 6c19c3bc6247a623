package app

import (
	"context"
	"errors"
	"log/slog"
	"maps"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
	"github.com/hanoi-innovation/innonet/notify"
	"github.com/hanoi-innovation/innonet/search"
	"github.com/hanoi-innovation/innonet/store/sqlite"
)

// cutStore plays a process killed between storing notifications and enqueueing their mails: while cut is set,
// EnqueueMail fails without writing.
type cutStore struct {
	models.Store
	cut bool
}

func (s *cutStore) EnqueueMail(ctx context.Context, mails []*models.OutboxMail) error {
	if s.cut {
		return errors.New("killed before the mails were enqueued")
	}
	return s.Store.EnqueueMail(ctx, mails)
}

// durableEnv is a service on a real SQLite store and index, delivering to the outbox, with an agency that posted
// an open challenge, and an expert whose profile fits it.
type durableEnv struct {
	t      *testing.T
	svc    *Service
	st     *sqlite.Store
	cut    *cutStore
	clock  *stepClock
	expert *models.Principal
	agency *models.Principal
	reads  int
}

func newDurableEnv(t *testing.T) *durableEnv {
	t.Helper()
	ctx, dir := context.Background(), t.TempDir()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "innonet.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	tax := models.MustTaxonomy()
	ix, err := search.Open(filepath.Join(dir, "index"), tax, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	renderer, err := notify.NewRenderer("http://localhost:8080", "innonet")
	if err != nil {
		t.Fatal(err)
	}
	clock := &stepClock{t: time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)}
	cut := &cutStore{Store: st}
	svc := New(Deps{Store: cut, Taxonomy: tax, Index: ix, Clock: clock, Logger: slog.New(slog.DiscardHandler)}, Config{})
	svc.Deliver = &notify.Delivery{Store: cut, Hub: &notify.Hub{}, Renderer: renderer, Clock: clock, Domain: "localhost"}
	now := clock.Now()
	members := []*models.Member{
		{ID: "ag-1", Kind: models.KindAgency, Name: "Sở Giao thông Thử", Status: models.ProfilePublished,
			Verification: models.VerificationVerified, OwnerIDs: []string{"acc-ag"}, CreatedAt: now, UpdatedAt: now},
		{ID: "ex-1", Kind: models.KindExpert, Name: "Chuyên gia Đèn", Headline: "Điều khiển đèn tín hiệu thích ứng bằng thị giác máy tính",
			Description: "Nghiên cứu điều khiển đèn tín hiệu giao thông, đếm phương tiện bằng camera và mô phỏng giao thông cho nút giao đông xe máy.",
			Skills:      []string{"điều khiển đèn tín hiệu", "computer vision", "mô phỏng giao thông"}, Sectors: []string{"mobility"},
			AvailableFor: []string{"consulting"}, Status: models.ProfilePublished, OwnerIDs: []string{"acc-ex"}, CreatedAt: now, UpdatedAt: now},
	}
	if err := st.UpsertMembers(ctx, members); err != nil {
		t.Fatal(err)
	}
	for _, a := range []struct{ id, member string }{{"acc-ag", "ag-1"}, {"acc-ex", "ex-1"}} {
		if err := st.CreateAccount(ctx, &models.Account{ID: a.id, Email: a.id + "@example.test", Name: a.id, PasswordHash: "x",
			Role: models.RoleMember, MemberID: a.member, CreatedAt: now, PasswordChangedAt: now}); err != nil {
			t.Fatal(err)
		}
	}
	c := &models.Challenge{ID: "ch-1", PostedBy: "ag-1", Title: "Điều khiển đèn tín hiệu thích ứng tại các nút giao",
		Description:    "Thành phố cần đếm phương tiện từ camera và điều chỉnh pha đèn tín hiệu theo thời gian thực tại các nút giao đông xe máy.",
		RequiredSkills: []string{"điều khiển đèn tín hiệu", "computer vision"}, Sectors: []string{"mobility"},
		PreferredKinds: []models.Kind{models.KindExpert}, Status: models.ChallengeOpen, CreatedAt: now, UpdatedAt: now}
	if err := st.UpsertChallenges(ctx, []*models.Challenge{c}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CatchUp(ctx, nil); err != nil {
		t.Fatal(err)
	}
	return &durableEnv{t: t, svc: svc, st: st, cut: cut, clock: clock,
		expert: &models.Principal{AccountID: "acc-ex", MemberID: "ex-1", Role: models.RoleMember},
		agency: &models.Principal{AccountID: "acc-ag", MemberID: "ag-1", Role: models.RoleMember}}
}

// runJobs runs the due jobs and returns how many ran.
func (e *durableEnv) runJobs() int {
	e.t.Helper()
	n, err := e.svc.RunJobs(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

// claim claims the due jobs, as an instance that is about to be killed does.
func (e *durableEnv) claim() []*models.Job {
	e.t.Helper()
	jobs, err := e.st.ClaimJobs(context.Background(), e.clock.Now(), jobLease, 10)
	if err != nil {
		e.t.Fatal(err)
	}
	return jobs
}

// keys returns the Keys of an account's notifications.
func (e *durableEnv) keys(account string) []string {
	e.t.Helper()
	ns, _, err := e.st.ListNotifications(context.Background(), account, models.Page{Page: 1, PerPage: 100})
	if err != nil {
		e.t.Fatal(err)
	}
	var out []string
	for _, n := range ns {
		out = append(out, n.Key)
	}
	slices.Sort(out)
	return out
}

// outbox returns the recipients of the unsent mails by Key (each Key is one mail).
func (e *durableEnv) outbox() map[string]string {
	e.t.Helper()
	ctx := context.Background()
	e.reads++
	depth, err := e.st.OutboxDepth(ctx)
	if err != nil {
		e.t.Fatal(err)
	}
	// Claiming days ahead, later at each read, reads every mail again.
	mails, err := e.st.ClaimMail(ctx, e.clock.Now().Add(time.Duration(e.reads)*24*time.Hour), time.Nanosecond, 1000)
	if err != nil {
		e.t.Fatal(err)
	}
	if len(mails) != depth {
		e.t.Fatalf("read %d mails of an outbox of %d", len(mails), depth)
	}
	out := map[string]string{}
	for _, m := range mails {
		out[m.Key] = m.To
	}
	return out
}

// TestCreateInterestLeavesAJobThatNotifiesTheAgency: the interest is written with its job, and running the job
// notifies the agency in the inbox and by mail; a second run creates nothing new.
func TestCreateInterestLeavesAJobThatNotifiesTheAgency(t *testing.T) {
	e := newDurableEnv(t)
	in, err := e.svc.CreateInterest(context.Background(), e.expert, "ch-1", models.InterestOnly, "")
	if err != nil {
		t.Fatal(err)
	}
	if ran := e.runJobs(); ran != 1 {
		t.Fatalf("RunJobs after CreateInterest ran %d jobs, want the interest's", ran)
	}
	want := []string{"interest:" + in.ID + ":acc-ag"}
	if got := e.keys("acc-ag"); !slices.Equal(got, want) {
		t.Errorf("notifications of the agency = %v, want %v", got, want)
	}
	if got := e.keys("acc-ex"); len(got) != 0 {
		t.Errorf("the expert was notified of its own interest: %v", got)
	}
	if ran := e.runJobs(); ran != 0 {
		t.Errorf("a second RunJobs ran %d jobs", ran)
	}
	// Run the job once more, as after a kill before it was recorded done: nothing new.
	if err := e.svc.runJob(context.Background(), &models.Job{ID: "job-again", Kind: models.JobInterestCreated, SubjectID: in.ID, Attempts: 2}); err != nil {
		t.Fatal(err)
	}
	if got := e.keys("acc-ag"); !slices.Equal(got, want) {
		t.Errorf("notifications of the agency after a rerun = %v, want %v", got, want)
	}
	out := e.outbox()
	if len(out) != 1 || out["interest:"+in.ID+":acc-ag"] != "acc-ag@example.test" {
		t.Errorf("outbox = %v, want one mail keyed interest:%s", out, in.ID)
	}
}

// TestDecideInterestLeavesAJobThatNotifiesTheMember: the decision is written with its job, whose run notifies
// the member of the status the interest has when it runs.
func TestDecideInterestLeavesAJobThatNotifiesTheMember(t *testing.T) {
	e := newDurableEnv(t)
	ctx := context.Background()
	in, err := e.svc.CreateInterest(ctx, e.expert, "ch-1", models.InterestOnly, "")
	if err != nil {
		t.Fatal(err)
	}
	e.runJobs()
	if _, err := e.svc.DecideInterest(ctx, e.agency, in.ID, models.InterestShortlisted, Expected{Missing: true}); err != nil {
		t.Fatal(err)
	}
	if got := e.keys("acc-ex"); len(got) != 0 {
		t.Fatalf("the member was notified before the job ran: %v", got)
	}
	if ran := e.runJobs(); ran != 1 {
		t.Fatalf("RunJobs after DecideInterest ran %d jobs, want the decision's", ran)
	}
	key := "interest_status:" + in.ID + ":acc-ex:shortlisted"
	if got := e.keys("acc-ex"); !slices.Equal(got, []string{key}) {
		t.Errorf("notifications of the member = %v, want [%s]", got, key)
	}
	if to := e.outbox()[key]; to != "acc-ex@example.test" {
		t.Errorf("mail %s to %q, want the member's account", key, to)
	}
}

// TestJobRerunMailsNotificationsStoredBeforeAKill: a job run stores its notifications and is killed before it
// enqueues their mails; the rerun, which finds the notifications stored, enqueues the missing mails, and a
// further rerun none. Both for an interest (one mail per notification) and a publication's fan-out (one mail
// of matches per account and job).
func TestJobRerunMailsNotificationsStoredBeforeAKill(t *testing.T) {
	e := newDurableEnv(t)
	ctx := context.Background()
	in, err := e.svc.CreateInterest(ctx, e.expert, "ch-1", models.InterestOnly, "")
	if err != nil {
		t.Fatal(err)
	}
	c, err := e.st.Challenge(ctx, "ch-1")
	if err != nil {
		t.Fatal(err)
	}
	publish := &models.Job{ID: "job-publish", Kind: models.JobChallengePublished, SubjectID: "ch-1", CreatedAt: e.clock.Now()}
	if err := e.st.UpdateChallengeWithJob(ctx, c, publish); err != nil {
		t.Fatal(err)
	}
	jobs := e.claim()
	if len(jobs) != 2 {
		t.Fatalf("claimed %d jobs, want the interest's and the publication's", len(jobs))
	}
	e.cut.cut = true
	for _, j := range jobs {
		if err := e.svc.runJob(ctx, j); err == nil {
			t.Errorf("job %s succeeded although its mails were not enqueued", j.Kind)
		}
	}
	e.cut.cut = false
	stored := map[string][]string{}
	for _, account := range []string{"acc-ag", "acc-ex"} {
		stored[account] = e.keys(account)
	}
	if !slices.Equal(stored["acc-ex"], []string{"match:ch-1:ex-1:acc-ex"}) || len(stored["acc-ag"]) != 1 {
		t.Fatalf("notifications stored before the kill = %v, want the interest's and the match", stored)
	}
	if out := e.outbox(); len(out) != 0 {
		t.Fatalf("mails enqueued before the kill: %v", out)
	}

	e.clock.advance(jobLease + time.Second)
	if ran := e.runJobs(); ran != 2 {
		t.Fatalf("the rerun after the kill ran %d jobs, want 2", ran)
	}
	want := map[string]string{"interest:" + in.ID + ":acc-ag": "acc-ag@example.test", "job:job-publish:acc-ex": "acc-ex@example.test"}
	if out := e.outbox(); !maps.Equal(out, want) {
		t.Fatalf("outbox after the rerun = %v, want %v", out, want)
	}
	for _, account := range []string{"acc-ag", "acc-ex"} {
		if got := e.keys(account); !slices.Equal(got, stored[account]) {
			t.Errorf("notifications of %s after the rerun = %v, want %v", account, got, stored[account])
		}
	}
	for _, j := range jobs {
		j.Attempts = 3
		if err := e.svc.runJob(ctx, j); err != nil {
			t.Fatal(err)
		}
	}
	if again := e.outbox(); !maps.Equal(again, want) {
		t.Errorf("outbox after a further rerun = %v, want %v", again, want)
	}
}

// TestQuestionJobsNotify: a question is written with the job that notifies the agency, its first answer with
// the job that notifies the asker; a changed answer writes no job.
func TestQuestionJobsNotify(t *testing.T) {
	e := newDurableEnv(t)
	ctx := context.Background()
	q, err := e.svc.AskQuestion(ctx, e.expert, "ch-1", "Dữ liệu camera có được chia sẻ theo thời gian thực không?")
	if err != nil {
		t.Fatal(err)
	}
	if got := e.keys("acc-ag"); len(got) != 0 {
		t.Fatalf("the agency was notified before the job ran: %v", got)
	}
	if ran := e.runJobs(); ran != 1 {
		t.Fatalf("RunJobs after AskQuestion ran %d jobs, want the question's", ran)
	}
	if got := e.keys("acc-ag"); !slices.Equal(got, []string{"question:" + q.ID + ":acc-ag"}) {
		t.Errorf("notifications of the agency = %v", got)
	}
	if _, err := e.svc.AnswerQuestion(ctx, e.agency, q.ID, "Có, qua cổng dữ liệu mở."); err != nil {
		t.Fatal(err)
	}
	if ran := e.runJobs(); ran != 1 {
		t.Fatalf("RunJobs after the first answer ran %d jobs, want the answer's", ran)
	}
	if _, err := e.svc.AnswerQuestion(ctx, e.agency, q.ID, "Có, qua cổng dữ liệu mở (đã cập nhật)."); err != nil {
		t.Fatal(err)
	}
	if ran := e.runJobs(); ran != 0 {
		t.Errorf("a changed answer ran %d jobs", ran)
	}
	if got := e.keys("acc-ex"); !slices.Equal(got, []string{"answer:" + q.ID}) {
		t.Errorf("notifications of the asker = %v", got)
	}
	want := map[string]string{"question:" + q.ID + ":acc-ag": "acc-ag@example.test", "answer:" + q.ID: "acc-ex@example.test"}
	if out := e.outbox(); !maps.Equal(out, want) {
		t.Errorf("outbox = %v, want %v", out, want)
	}
}
