package demo

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/hanoi-innovation/innonet/models"
)

var testNow = time.Date(2026, time.March, 10, 9, 30, 0, 0, time.UTC)

func load(t *testing.T, now time.Time) *DataSet {
	t.Helper()
	ds, err := Load(now, models.MustTaxonomy())
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return ds
}

func TestCounts(t *testing.T) {
	ds := load(t, testNow)
	if len(ds.Members) < 60 {
		t.Errorf("got %d members, want at least 60", len(ds.Members))
	}
	if len(ds.Challenges) < 10 {
		t.Errorf("got %d challenges, want at least 10", len(ds.Challenges))
	}
	kinds := map[models.Kind]int{}
	for _, m := range ds.Members {
		kinds[m.Kind]++
	}
	minimum := map[models.Kind]int{
		models.KindStartup:          25,
		models.KindExpert:           15,
		models.KindInnovationCenter: 6,
		models.KindAgency:           6,
	}
	for k, want := range minimum {
		if kinds[k] < want {
			t.Errorf("got %d members of kind %s, want at least %d", kinds[k], k, want)
		}
	}
	statuses := map[models.ChallengeStatus]int{}
	for _, c := range ds.Challenges {
		statuses[c.Status]++
	}
	if statuses[models.ChallengeOpen] < len(ds.Challenges)/2 || statuses[models.ChallengeClosed] == 0 ||
		statuses[models.ChallengeDraft] == 0 {
		t.Errorf("challenge statuses %v: want mostly open, and some closed and draft", statuses)
	}
	t.Logf("members by kind: %v; challenges by status: %v", kinds, statuses)
}

func TestIDsAndReferences(t *testing.T) {
	ds := load(t, testNow)
	seen := map[string]bool{}
	agencies := map[string]*models.Member{}
	for _, m := range ds.Members {
		if seen[m.ID] {
			t.Errorf("duplicate member id %s", m.ID)
		}
		seen[m.ID] = true
		if !strings.HasPrefix(m.ID, models.MemberIDPrefix(m.Kind)+"-") {
			t.Errorf("member %s: id prefix does not match kind %s", m.ID, m.Kind)
		}
		if m.Kind == models.KindAgency {
			agencies[m.ID] = m
		}
	}
	for _, c := range ds.Challenges {
		if seen[c.ID] {
			t.Errorf("duplicate id %s", c.ID)
		}
		seen[c.ID] = true
		if !strings.HasPrefix(c.ID, "ch-") {
			t.Errorf("challenge %s: id must start with ch-", c.ID)
		}
		ag, ok := agencies[c.PostedBy]
		if !ok {
			t.Errorf("challenge %s: posted_by %q is not an agency of the data set", c.ID, c.PostedBy)
			continue
		}
		if c.Status != models.ChallengeDraft && !ag.Verified() {
			t.Errorf("challenge %s is %s but its agency %s is not verified", c.ID, c.Status, ag.ID)
		}
	}
}

func TestValid(t *testing.T) {
	tax := models.MustTaxonomy()
	ds := load(t, testNow)
	for _, m := range ds.Members {
		if err := m.Validate(tax); err != nil {
			t.Errorf("member %s: %s", m.ID, describe(err))
		}
		if m.Status != models.ProfilePublished || m.Version != 1 {
			t.Errorf("member %s: status %s version %d, want published version 1", m.ID, m.Status, m.Version)
		}
		if len(m.Sectors) == 0 || len(m.Skills) == 0 || len(m.Languages) == 0 || m.Description == "" ||
			m.Headline == "" || m.Ward == "" {
			t.Errorf("member %s: sectors, skills, languages, headline, description and ward are all expected", m.ID)
		}
		if m.Contact.Email == "" || m.Contact.Website == "" || m.Contact.Phone == "" {
			t.Errorf("member %s: incomplete contact %+v", m.ID, m.Contact)
		}
		if !strings.Contains(m.Contact.Email, "example.") || !strings.Contains(m.Contact.Website, "example.") {
			t.Errorf("member %s: contact must use example domains, got %+v", m.ID, m.Contact)
		}
		switch m.Kind {
		case models.KindStartup:
			if m.Stage == "" || m.Founded == 0 || m.TeamSize == 0 {
				t.Errorf("startup %s: stage, founded and team_size are expected", m.ID)
			}
		case models.KindExpert:
			if m.Organization == "" || m.Title == "" || m.YearsExperience == 0 || len(m.AvailableFor) == 0 {
				t.Errorf("expert %s: organization, title, years_experience and available_for are expected", m.ID)
			}
		case models.KindInnovationCenter:
			if len(m.Services) == 0 {
				t.Errorf("innovation center %s: services are expected", m.ID)
			}
		case models.KindAgency:
			if m.Jurisdiction == "" {
				t.Errorf("agency %s: jurisdiction is expected", m.ID)
			}
		}
		if m.Kind.IsOrganisation() {
			if m.Verification != models.VerificationVerified && m.Verification != models.VerificationPending {
				t.Errorf("member %s: verification %s, want verified or pending", m.ID, m.Verification)
			}
		} else if m.Verification != models.VerificationNone {
			t.Errorf("member %s: verification %s, want none", m.ID, m.Verification)
		}
	}
	for _, c := range ds.Challenges {
		if err := c.Validate(tax); err != nil {
			t.Errorf("challenge %s: %s", c.ID, describe(err))
		}
		if len(c.Sectors) == 0 || len(c.RequiredSkills) == 0 || len(c.PreferredKinds) == 0 || c.Deadline == "" {
			t.Errorf("challenge %s: sectors, required skills, preferred kinds and deadline are expected", c.ID)
		}
	}
}

func TestVerificationMix(t *testing.T) {
	ds := load(t, testNow)
	count := map[models.Verification]int{}
	for _, m := range ds.Members {
		if m.Kind.IsOrganisation() {
			count[m.Verification]++
		}
	}
	if count[models.VerificationPending] == 0 || count[models.VerificationPending] > 3 ||
		count[models.VerificationVerified] <= count[models.VerificationPending] {
		t.Errorf("organisations by verification %v: want most verified and one to three pending", count)
	}
}

func TestDatesRelativeToNow(t *testing.T) {
	ds := load(t, testNow)
	oldest := testNow.AddDate(0, 0, -MaxDaysAgo)
	today := testNow.Format(models.DateLayout)
	for _, m := range ds.Members {
		if m.CreatedAt.After(testNow) || m.CreatedAt.Before(oldest) {
			t.Errorf("member %s: created %v, not within %d days before now", m.ID, m.CreatedAt, MaxDaysAgo)
		}
		if !m.UpdatedAt.Equal(m.CreatedAt) || m.PublishedAt == nil || !m.PublishedAt.Equal(m.CreatedAt) {
			t.Errorf("member %s: updated %v published %v, want both at creation %v", m.ID, m.UpdatedAt, m.PublishedAt, m.CreatedAt)
		}
		if d := testNow.Sub(m.CreatedAt); d%(24*time.Hour) != 0 {
			t.Errorf("member %s: created %v, not a whole number of days before now", m.ID, m.CreatedAt)
		}
	}
	for _, c := range ds.Challenges {
		if c.CreatedAt.After(testNow) || c.CreatedAt.Before(oldest) {
			t.Errorf("challenge %s: created %v, not within %d days before now", c.ID, c.CreatedAt, MaxDaysAgo)
		}
		if _, err := time.Parse(models.DateLayout, c.Deadline); err != nil {
			t.Errorf("challenge %s: deadline %q: %v", c.ID, c.Deadline, err)
		}
		switch c.Status {
		case models.ChallengeDraft:
			if c.PublishedAt != nil || c.ClosedAt != nil {
				t.Errorf("draft %s: published %v closed %v, want neither", c.ID, c.PublishedAt, c.ClosedAt)
			}
		case models.ChallengeOpen:
			if c.PublishedAt == nil || c.ClosedAt != nil {
				t.Errorf("open %s: published %v closed %v, want published only", c.ID, c.PublishedAt, c.ClosedAt)
			}
			if c.Deadline < today {
				t.Errorf("open %s: deadline %s is before today %s", c.ID, c.Deadline, today)
			}
		case models.ChallengeClosed:
			if c.PublishedAt == nil || c.ClosedAt == nil {
				t.Fatalf("closed %s: published %v closed %v, want both", c.ID, c.PublishedAt, c.ClosedAt)
			}
			if c.ClosedAt.Before(*c.PublishedAt) || c.ClosedAt.After(testNow) {
				t.Errorf("closed %s: closed %v, want between publication %v and now", c.ID, c.ClosedAt, c.PublishedAt)
			}
		}
	}

	// Loading at another time shifts every date by the same amount.
	later := testNow.AddDate(0, 0, 30)
	ds2 := load(t, later)
	for i, m := range ds.Members {
		if got := ds2.Members[i].CreatedAt; !got.Equal(m.CreatedAt.AddDate(0, 0, 30)) {
			t.Errorf("member %s: created %v when loaded 30 days later, want %v", m.ID, got, m.CreatedAt.AddDate(0, 0, 30))
		}
	}
	for i, c := range ds.Challenges {
		d, _ := time.Parse(models.DateLayout, c.Deadline)
		want := d.AddDate(0, 0, 30).Format(models.DateLayout)
		if got := ds2.Challenges[i].Deadline; got != want {
			t.Errorf("challenge %s: deadline %s when loaded 30 days later, want %s", c.ID, got, want)
		}
	}
}

func TestTextIsNFC(t *testing.T) {
	check := func(id, field, s string) {
		if !norm.NFC.IsNormalString(s) {
			t.Errorf("%s: %s is not NFC: %q", id, field, s)
		}
	}
	// The embedded files themselves, not only the normalized values, are NFC.
	check(MembersFile, "file", string(membersJSONL))
	check(ChallengesFile, "file", string(challengesJSONL))
	ds := load(t, testNow)
	for _, m := range ds.Members {
		for field, s := range map[string]string{"name": m.Name, "headline": m.Headline, "description": m.Description,
			"ward": m.Ward, "organization": m.Organization, "title": m.Title, "jurisdiction": m.Jurisdiction,
			"skills": strings.Join(m.Skills, "|"), "services": strings.Join(m.Services, "|")} {
			check(m.ID, field, s)
		}
	}
	for _, c := range ds.Challenges {
		for field, s := range map[string]string{"title": c.Title, "description": c.Description, "ward": c.Ward,
			"required_skills": strings.Join(c.RequiredSkills, "|")} {
			check(c.ID, field, s)
		}
	}
}

func TestTrafficSearchHasResults(t *testing.T) {
	ds := load(t, testNow)
	const term = "giao thông"
	var members []string
	for _, m := range ds.Members {
		text := strings.ToLower(strings.Join([]string{m.Name, m.Headline, m.Description, strings.Join(m.Skills, " ")}, " "))
		if strings.Contains(text, term) {
			members = append(members, m.ID)
		}
	}
	if len(members) < 3 {
		t.Errorf("members mentioning %q: %v, want at least 3", term, members)
	}
	var challenges []string
	for _, c := range ds.Challenges {
		if strings.Contains(strings.ToLower(c.Title+" "+c.Description), term) {
			challenges = append(challenges, c.ID)
		}
	}
	if len(challenges) == 0 {
		t.Errorf("no challenge mentions %q", term)
	}
}

// TestChallengesHaveSolvers checks that matchmaking demos are meaningful: every challenge shares a sector and
// at least two required skills with some non-agency member.
func TestChallengesHaveSolvers(t *testing.T) {
	ds := load(t, testNow)
	for _, c := range ds.Challenges {
		var best int
		for _, m := range ds.Members {
			if m.Kind == models.KindAgency || !overlaps(c.Sectors, m.Sectors) {
				continue
			}
			best = max(best, shared(c.RequiredSkills, m.Skills))
		}
		if best < 2 {
			t.Errorf("challenge %s: no solver shares a sector and two required skills (best %d)", c.ID, best)
		}
	}
}

func overlaps(a, b []string) bool { return shared(a, b) > 0 }

func shared(a, b []string) int {
	n := 0
	for _, x := range a {
		for _, y := range b {
			if x == y {
				n++
				break
			}
		}
	}
	return n
}

func TestRejectsBadRows(t *testing.T) {
	// Load uses the embedded files, so exercise the row checks directly.
	tests := []struct {
		name string
		row  string
		want string
	}{
		{"unknown field", `{"id":"st-0001","kind":"startup","name":"X","nickname":"y","days_ago":1}`, "unknown field"},
		{"trailing data", `{"id":"st-0001","kind":"startup","name":"Xy","days_ago":1} {}`, "trailing data"},
		{"bad kind", `{"id":"st-0001","kind":"robot","name":"Xy","days_ago":1}`, "unknown kind"},
		{"bad id", `{"id":"st-1","kind":"startup","name":"Xy","days_ago":1}`, "st-0001"},
		{"prefix mismatch", `{"id":"ex-0001","kind":"startup","name":"Xy","days_ago":1}`, "st-0001"},
		{"no days", `{"id":"st-0001","kind":"startup","name":"Xy"}`, "days_ago is required"},
		{"old", `{"id":"st-0001","kind":"startup","name":"Xy","days_ago":401}`, "between 0 and 400"},
		{"misplaced field", `{"id":"st-0001","kind":"startup","name":"Xy","days_ago":1,"jurisdiction":"x"}`, "jurisdiction"},
		{"verified startup", `{"id":"st-0001","kind":"startup","name":"Xy","days_ago":1,"verified":true}`, "not allowed"},
		{"unverified agency", `{"id":"ag-0001","kind":"agency","name":"Xy","days_ago":1}`, "verified is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := eachLine("members.jsonl", []byte("\n"+tt.row+"\n"), func(_ int, data []byte) error {
				var r memberRow
				if err := decodeStrict(data, &r); err != nil {
					return err
				}
				_, err := r.member(testNow)
				return err
			})
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), "members.jsonl:2: ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to start with members.jsonl:2: and mention %q", err, tt.want)
			}
		})
	}
}

func TestRejectsBadChallengeDates(t *testing.T) {
	for _, row := range []string{
		`{"id":"ch-0001","status":"open","days_ago":5,"deadline_in_days":-1}`,
		`{"id":"ch-0001","status":"closed","days_ago":5,"deadline_in_days":-10}`,
		`{"id":"ch-1","status":"open","days_ago":5}`,
	} {
		var r challengeRow
		if err := decodeStrict([]byte(row), &r); err != nil {
			t.Fatalf("%s: %v", row, err)
		}
		if _, err := r.challenge(testNow); err == nil {
			t.Errorf("%s: no error", row)
		}
	}
}

func TestInvalidTaxonomyValue(t *testing.T) {
	err := describe(models.Invalid(models.FieldError{Pointer: "/sectors/0", Detail: "nope"}))
	if !strings.Contains(err, "/sectors/0 nope") {
		t.Errorf("describe = %q, want the field error spelled out", err)
	}
}

func TestNilTaxonomy(t *testing.T) {
	if _, err := Load(testNow, nil); err == nil {
		t.Error("Load with a nil taxonomy: no error")
	}
}
