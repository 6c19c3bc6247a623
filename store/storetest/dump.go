package storetest

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

func (s suite) dumpTests() []test {
	return []test{
		{"EmptyStoreCountsNothing", s.dumpEmpty},
		{"RoundTrip", s.dumpRoundTrip},
	}
}

// dumpEmpty: a fresh store has no records, so a migration may take it as its target.
func (s suite) dumpEmpty(t *testing.T) {
	counts, err := dumper(t, s.open(t)).CountRecords(t.Context())
	must(t, "CountRecords", err)
	if counts.Total() != 0 || counts[models.RecordSequence] != 0 {
		t.Errorf("CountRecords of an empty store = %v", counts)
	}
}

// dumpRoundTrip: a store with every kind of record, dumped and loaded into a fresh store, dumps the same
// records, counts the same, and the copy continues the sequences of the change feed and the inbox.
func (s suite) dumpRoundTrip(t *testing.T) {
	src, ctx := s.open(t), t.Context()
	FillEveryKind(t, src)
	want := DumpAll(t, dumper(t, src))
	wantCounts, err := dumper(t, src).CountRecords(ctx)
	must(t, "CountRecords", err)
	for _, k := range models.RecordKinds() {
		if n := countKind(want, k); n == 0 || n != wantCounts[k] {
			t.Errorf("%s: the dump has %d records, CountRecords says %d (the fill must make at least one)", k, n, wantCounts[k])
		}
	}

	dst := s.open(t)
	for i := 0; i < len(want); i += 4 {
		must(t, "Load", loader(t, dst).Load(ctx, want[i:min(i+4, len(want))]))
	}
	if diffs := DiffRecords(want, DumpAll(t, dumper(t, dst))); len(diffs) > 0 {
		t.Fatalf("the copy differs:\n  %v", diffs)
	}
	gotCounts, err := loader(t, dst).CountRecords(ctx)
	must(t, "CountRecords", err)
	if !reflect.DeepEqual(wantCounts, gotCounts) {
		t.Errorf("counts: source %v, copy %v", wantCounts, gotCounts)
	}

	srcLast, err := src.LastSeq(ctx)
	must(t, "LastSeq", err)
	dstLast, err := dst.LastSeq(ctx)
	must(t, "LastSeq", err)
	if srcLast != dstLast {
		t.Errorf("LastSeq: source %d, copy %d", srcLast, dstLast)
	}
	must(t, "CreateMember", dst.CreateMember(ctx, member("st-after")))
	feed, err := dst.Changes(ctx, dstLast, 10)
	must(t, "Changes", err)
	if len(feed) != 1 || feed[0].ID != "st-after" {
		t.Errorf("after the copy, a new member is not the one change after %d: %v", dstLast, feed)
	}
	added, err := dst.AddNotifications(ctx, []*models.Notification{notification("ac-d1", "after")})
	must(t, "AddNotifications", err)
	if len(added) != 1 || added[0].Seq <= maxNotificationSeq(want) {
		t.Errorf("a notification added to the copy did not continue the sequence: %v", added)
	}
	e := auditEntry("ac-d2", models.AuditStatsView, "")
	must(t, "AppendAudit", dst.AppendAudit(ctx, e))
	if e.Seq <= maxAuditSeq(want) {
		t.Errorf("an audit entry appended to the copy has seq %d, not after the copied ones", e.Seq)
	}
}

// FillEveryKind writes at least one record of every kind through the store's interface: accounts, members,
// challenges, a deleted member, refresh tokens, one-time tokens (one used), claim requests (one decided), an
// consent, an interest, questions (one answered), an attachment's
// metadata, notifications, preferences, mails, jobs and audit entries.
func FillEveryKind(t *testing.T, st models.Store) {
	t.Helper()
	ctx := t.Context()
	must(t, "Register", st.Register(ctx, account("ac-d1", "Lan@Example.vn"), member("st-ac-d1")))
	admin := account("ac-d2", "admin@example.vn")
	admin.Role, admin.MemberID = models.RoleAdmin, ""
	must(t, "CreateAccount", st.CreateAccount(ctx, admin))
	must(t, "CreateMember", st.CreateMember(ctx, member("ex-d1", func(m *models.Member) { m.Kind = models.KindExpert })))
	must(t, "CreateMember", st.CreateMember(ctx, member("st-gone")))
	must(t, "DeleteMember", st.DeleteMember(ctx, "st-gone", 1))
	must(t, "CreateChallenge", st.CreateChallenge(ctx, challenge("ch-d1")))
	c := challenge("ch-d1")
	c.Version, c.Title = 1, "Giảm ùn tắc (sửa)"
	must(t, "UpdateChallengeWithJob", st.UpdateChallengeWithJob(ctx, c, job("jb-d1", models.JobChallengePublished, "ch-d1", at(0))))
	must(t, "CompleteJob", st.CompleteJob(ctx, "jb-d1", at(time.Minute)))
	m, err := st.Member(ctx, "ex-d1")
	must(t, "Member", err)
	must(t, "UpdateMemberWithJob", st.UpdateMemberWithJob(ctx, m, job("jb-d2", models.JobProfileChanged, "ex-d1", at(time.Minute))))
	rt := token("rt-d1", "ac-d1", "fam-d1")
	must(t, "CreateRefreshToken", st.CreateRefreshToken(ctx, rt))
	_, err = st.UseRefreshToken(ctx, "rt-d1", at(time.Hour))
	must(t, "UseRefreshToken", err)
	must(t, "CreateRefreshToken", st.CreateRefreshToken(ctx, token("rt-d2", "ac-d1", "fam-d1")))
	must(t, "CreateToken", st.CreateToken(ctx, oneTime("ot-d1", models.TokenVerifyEmail)))
	must(t, "CreateToken", st.CreateToken(ctx, oneTime("ot-d2", models.TokenStaffInvite)))
	_, err = st.ConsumeToken(ctx, "sha256-ot-d2", models.TokenStaffInvite, at(time.Minute))
	must(t, "ConsumeToken", err)
	must(t, "CreateClaimRequest", st.CreateClaimRequest(ctx, claimRequest("cr-d1", time.Minute)))
	must(t, "CreateClaimRequest", st.CreateClaimRequest(ctx, claimRequest("cr-d2", 2*time.Minute)))
	_, err = st.DecideClaimRequest(ctx, "cr-d2", models.ClaimApproved, "ac-d2", at(3*time.Minute))
	must(t, "DecideClaimRequest", err)
	must(t, "AddConsent", st.AddConsent(ctx, &models.Consent{ID: "cs-d1", AccountID: "ac-d1", PolicyVersion: models.PrivacyPolicyVersion,
		GivenAt: at(0), Source: models.ConsentAtRegistration}))
	must(t, "CreateInterest", st.CreateInterest(ctx, interest("in-d1", "ch-d1", "st-ac-d1")))
	must(t, "CreateQuestion", st.CreateQuestion(ctx, question("qa-d1", "ch-d1", "ac-d1", 5)))
	q := question("qa-d2", "ch-d1", "ac-d1", 6)
	must(t, "CreateQuestion", st.CreateQuestion(ctx, q))
	q.Answer, q.AnsweredBy, q.AnsweredAt = "Có, qua API của Sở.", "ac-d2", ptr(at(7*time.Minute))
	must(t, "UpdateQuestion", st.UpdateQuestion(ctx, q))
	must(t, "CreateAttachment", st.CreateAttachment(ctx, attachment("at-d1", "ch-d1", 8)))
	_, err = st.AddNotifications(ctx, []*models.Notification{notification("ac-d1", "k1"), notification("ac-d1", "k2")})
	must(t, "AddNotifications", err)
	must(t, "MarkRead", st.MarkRead(ctx, "ac-d1", nil, at(2*time.Hour)))
	p := models.DefaultPreferences("ac-d1")
	p.Sectors, p.UnsubscribeToken, p.LastDigestAt = []string{"mobility"}, "unsub-d1", at(0)
	must(t, "SavePreferences", st.SavePreferences(ctx, &p))
	must(t, "EnqueueMail", st.EnqueueMail(ctx, []*models.OutboxMail{mail("ml-d1", "mail-1"), mail("ml-d2", "mail-2")}))
	must(t, "MarkMailSent", st.MarkMailSent(ctx, "ml-d1", at(time.Hour)))
	must(t, "AppendAudit", st.AppendAudit(ctx, auditEntry("ac-d2", models.AuditVerificationDecide, "ex-d1", func(e *models.AuditEntry) { e.ID = "au-d1" })))
	must(t, "AppendAudit", st.AppendAudit(ctx, auditEntry(models.AuditActorOperator, models.AuditExport, "", func(e *models.AuditEntry) {
		e.ID, e.TargetType, e.Details, e.RequestID = "au-d2", models.TargetRecords, map[string]string{"records": "70"}, ""
	})))
}

// DumpAll returns every record a store dumps, in order.
func DumpAll(t *testing.T, d models.Dumper) []models.Record {
	t.Helper()
	var out []models.Record
	must(t, "Dump", d.Dump(t.Context(), func(r models.Record) error {
		out = append(out, r)
		return nil
	}))
	return out
}

// DiffRecords compares two dumps record by record under the suite's equality (times at millisecond precision,
// nil and empty lists alike) and returns a line per difference. Records are matched by kind and key, so that
// adapters may order the records of a kind differently.
func DiffRecords(want, got []models.Record) []string {
	var diffs []string
	have := map[string]models.Record{}
	for _, r := range got {
		have[recordKey(r)] = r
	}
	for _, w := range want {
		k := recordKey(w)
		g, ok := have[k]
		if !ok {
			diffs = append(diffs, k+": missing")
			continue
		}
		delete(have, k)
		diff(k, reflect.ValueOf(w), reflect.ValueOf(g), &diffs)
	}
	for k := range have {
		diffs = append(diffs, k+": not in the source")
	}
	return diffs
}

// recordKey identifies a record among those of its kind.
func recordKey(r models.Record) string {
	id := ""
	switch r.Kind {
	case models.RecordAccount:
		id = r.Account.ID
	case models.RecordMember:
		id = r.Member.ID
	case models.RecordChallenge:
		id = r.Challenge.ID
	case models.RecordTombstone:
		id = string(r.Tombstone.Type) + "/" + r.Tombstone.ID
	case models.RecordRefreshToken:
		id = r.RefreshToken.ID
	case models.RecordOneTimeToken:
		id = r.OneTimeToken.ID
	case models.RecordClaimRequest:
		id = r.ClaimRequest.ID
	case models.RecordConsent:
		id = r.Consent.ID
	case models.RecordInterest:
		id = r.Interest.ID
	case models.RecordQuestion:
		id = r.Question.ID
	case models.RecordAttachment:
		id = r.Attachment.ID
	case models.RecordNotification:
		id = r.Notification.ID
	case models.RecordPreferences:
		id = r.Preferences.AccountID
	case models.RecordMail:
		id = r.Mail.ID
	case models.RecordJob:
		id = r.Job.ID
	case models.RecordAudit:
		id = r.Audit.ID
	case models.RecordSequence:
		id = r.Sequence.Name
	}
	return fmt.Sprintf("%s %s", r.Kind, id)
}

func countKind(rs []models.Record, k models.RecordKind) int {
	n := 0
	for _, r := range rs {
		if r.Kind == k {
			n++
		}
	}
	return n
}

func maxNotificationSeq(rs []models.Record) int64 {
	var m int64
	for _, r := range rs {
		if r.Kind == models.RecordNotification {
			m = max(m, r.Notification.Seq)
		}
	}
	return m
}

func maxAuditSeq(rs []models.Record) int64 {
	var m int64
	for _, r := range rs {
		if r.Kind == models.RecordAudit {
			m = max(m, r.Audit.Seq)
		}
	}
	return m
}

func dumper(t *testing.T, st models.Store) models.Dumper {
	t.Helper()
	d, ok := st.(models.Dumper)
	if !ok {
		t.Fatalf("%T does not implement models.Dumper", st)
	}
	return d
}

func loader(t *testing.T, st models.Store) models.Loader {
	t.Helper()
	l, ok := st.(models.Loader)
	if !ok {
		t.Fatalf("%T does not implement models.Loader", st)
	}
	return l
}
