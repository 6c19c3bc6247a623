// Package demo ships a small, invented data set of the Hanoi Innovation Network for demos, local development
// and screenshots: startups, experts, innovation centers and agencies (members.jsonl) and the challenges the
// agencies post (challenges.jsonl).
//
// Every person, organisation, figure and challenge in the files is fictional; real ward names and well-known
// places appear only as locations, and contact details use example domains. The files store dates relative to
// the day they are loaded ("days_ago", "deadline_in_days"), so the demo always looks fresh: Load turns them
// into absolute times.
package demo

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// The names of the embedded files, as they appear in errors.
const (
	MembersFile    = "demo/members.jsonl"
	ChallengesFile = "demo/challenges.jsonl"
)

// MaxDaysAgo bounds the "days_ago" of every row: no demo profile or challenge is older than this.
const MaxDaysAgo = 400

//go:embed members.jsonl
var membersJSONL []byte

//go:embed challenges.jsonl
var challengesJSONL []byte

// DataSet is the demo data, ready to be stored: members and challenges in file order, normalized and
// validated, with their timestamps computed from the load time.
type DataSet struct {
	Members    []*models.Member
	Challenges []*models.Challenge
}

// contactRow is the contact object of a demo member.
type contactRow struct {
	Email   string `json:"email"`
	Website string `json:"website"`
	Phone   string `json:"phone"`
}

// memberRow is one line of members.jsonl: the fields of the import files plus contact details, the age of
// the profile and, for organisations, whether an admin verified it.
type memberRow struct {
	ID          string     `json:"id"`
	Kind        string     `json:"kind"`
	Name        string     `json:"name"`
	Headline    string     `json:"headline"`
	Description string     `json:"description"`
	Sectors     []string   `json:"sectors"`
	Skills      []string   `json:"skills"`
	Ward        string     `json:"ward"`
	Languages   []string   `json:"languages"`
	Contact     contactRow `json:"contact"`
	DaysAgo     *int       `json:"days_ago"`
	Verified    *bool      `json:"verified"`

	// Startup.
	Stage    string `json:"stage"`
	Founded  int    `json:"founded"`
	TeamSize int    `json:"team_size"`
	// Expert.
	Organization    string   `json:"organization"`
	Title           string   `json:"title"`
	YearsExperience int      `json:"years_experience"`
	AvailableFor    []string `json:"available_for"`
	// Innovation center.
	Services []string `json:"services"`
	// Agency.
	Jurisdiction string `json:"jurisdiction"`
}

// challengeRow is one line of challenges.jsonl: the fields of the import files, with the deadline and the
// publication given in days relative to the load time.
type challengeRow struct {
	ID             string   `json:"id"`
	PostedBy       string   `json:"posted_by"`
	Title          string   `json:"title"`
	Description    string   `json:"description"`
	Sectors        []string `json:"sectors"`
	RequiredSkills []string `json:"required_skills"`
	PreferredKinds []string `json:"preferred_kinds"`
	BudgetVND      *int64   `json:"budget_vnd"`
	Ward           string   `json:"ward"`
	Status         string   `json:"status"`
	DeadlineInDays *int     `json:"deadline_in_days"`
	DaysAgo        *int     `json:"days_ago"`
}

// Load parses the embedded files and returns the demo data as of now. Creation and publication times are
// now minus each row's "days_ago"; deadlines are now plus "deadline_in_days", formatted with
// models.DateLayout in now's location. Members are published, at version 1; agencies and innovation
// centers are verified or pending according to their "verified" flag, everyone else has no verification.
// Every member and challenge is normalized and validated against tax. Any malformed or invalid row, a
// duplicate id, or a challenge not posted by a demo agency fails the whole load with an error that names
// the file and the line.
func Load(now time.Time, tax *models.Taxonomy) (*DataSet, error) {
	if tax == nil {
		return nil, errors.New("demo: nil taxonomy")
	}
	members, err := loadMembers(now, tax)
	if err != nil {
		return nil, err
	}
	agencies := make(map[string]*models.Member)
	for _, m := range members {
		if m.Kind == models.KindAgency {
			agencies[m.ID] = m
		}
	}
	challenges, err := loadChallenges(now, tax, agencies)
	if err != nil {
		return nil, err
	}
	return &DataSet{Members: members, Challenges: challenges}, nil
}

func loadMembers(now time.Time, tax *models.Taxonomy) ([]*models.Member, error) {
	var out []*models.Member
	lines := make(map[string]int)
	err := eachLine(MembersFile, membersJSONL, func(line int, data []byte) error {
		var r memberRow
		if err := decodeStrict(data, &r); err != nil {
			return err
		}
		m, err := r.member(now)
		if err != nil {
			return err
		}
		m.Normalize()
		if err := m.Validate(tax); err != nil {
			return fmt.Errorf("member %s: %s", m.ID, describe(err))
		}
		if first, dup := lines[m.ID]; dup {
			return fmt.Errorf("member %s: duplicate id, first on line %d", m.ID, first)
		}
		lines[m.ID] = line
		out = append(out, m)
		return nil
	})
	return out, err
}

func loadChallenges(now time.Time, tax *models.Taxonomy, agencies map[string]*models.Member) ([]*models.Challenge, error) {
	var out []*models.Challenge
	lines := make(map[string]int)
	err := eachLine(ChallengesFile, challengesJSONL, func(line int, data []byte) error {
		var r challengeRow
		if err := decodeStrict(data, &r); err != nil {
			return err
		}
		c, err := r.challenge(now)
		if err != nil {
			return err
		}
		c.Normalize()
		if err := c.Validate(tax); err != nil {
			return fmt.Errorf("challenge %s: %s", c.ID, describe(err))
		}
		if first, dup := lines[c.ID]; dup {
			return fmt.Errorf("challenge %s: duplicate id, first on line %d", c.ID, first)
		}
		ag, ok := agencies[c.PostedBy]
		if !ok {
			return fmt.Errorf("challenge %s: posted_by %q is not an agency of %s", c.ID, c.PostedBy, MembersFile)
		}
		if c.CreatedAt.Before(ag.CreatedAt) {
			return fmt.Errorf("challenge %s: created before its agency %s joined", c.ID, ag.ID)
		}
		lines[c.ID] = line
		out = append(out, c)
		return nil
	})
	return out, err
}

// member converts the row, checking what Member.Validate does not: the id, the kind-specific fields and
// the demo-only fields.
func (r *memberRow) member(now time.Time) (*models.Member, error) {
	kind := models.Kind(r.Kind)
	if !kind.Valid() {
		return nil, fmt.Errorf("member %q: unknown kind %q", r.ID, r.Kind)
	}
	if err := checkID(r.ID, models.MemberIDPrefix(kind)); err != nil {
		return nil, fmt.Errorf("member %q: %w", r.ID, err)
	}
	var misplaced []string
	if kind != models.KindStartup && (r.Stage != "" || r.Founded != 0 || r.TeamSize != 0) {
		misplaced = append(misplaced, "stage/founded/team_size")
	}
	if kind != models.KindExpert && (r.Organization != "" || r.Title != "" || r.YearsExperience != 0 || r.AvailableFor != nil) {
		misplaced = append(misplaced, "organization/title/years_experience/available_for")
	}
	if kind != models.KindInnovationCenter && r.Services != nil {
		misplaced = append(misplaced, "services")
	}
	if kind != models.KindAgency && r.Jurisdiction != "" {
		misplaced = append(misplaced, "jurisdiction")
	}
	if len(misplaced) > 0 {
		return nil, fmt.Errorf("member %s: fields not allowed for kind %s: %s", r.ID, kind, strings.Join(misplaced, ", "))
	}
	created, err := daysAgo(r.DaysAgo, now)
	if err != nil {
		return nil, fmt.Errorf("member %s: %w", r.ID, err)
	}
	verification := models.VerificationNone
	switch {
	case kind.IsOrganisation() && r.Verified == nil:
		return nil, fmt.Errorf("member %s: verified is required for kind %s", r.ID, kind)
	case kind.IsOrganisation() && *r.Verified:
		verification = models.VerificationVerified
	case kind.IsOrganisation():
		verification = models.VerificationPending
	case r.Verified != nil:
		return nil, fmt.Errorf("member %s: verified is not allowed for kind %s", r.ID, kind)
	}
	published := created
	return &models.Member{
		ID:              r.ID,
		Kind:            kind,
		Name:            r.Name,
		Headline:        r.Headline,
		Description:     r.Description,
		Sectors:         r.Sectors,
		Skills:          r.Skills,
		Ward:            r.Ward,
		Languages:       r.Languages,
		Contact:         models.Contact{Email: r.Contact.Email, Phone: r.Contact.Phone, Website: r.Contact.Website},
		Stage:           r.Stage,
		Founded:         r.Founded,
		TeamSize:        r.TeamSize,
		Organization:    r.Organization,
		Title:           r.Title,
		YearsExperience: r.YearsExperience,
		AvailableFor:    r.AvailableFor,
		Services:        r.Services,
		Jurisdiction:    r.Jurisdiction,
		Status:          models.ProfilePublished,
		Verification:    verification,
		CreatedAt:       created,
		UpdatedAt:       created,
		PublishedAt:     &published,
		Version:         1,
	}, nil
}

// challenge converts the row. A draft has no publication time; an open or closed challenge was published
// when it was created; a closed one closed at its deadline when that has passed, or now otherwise.
func (r *challengeRow) challenge(now time.Time) (*models.Challenge, error) {
	if err := checkID(r.ID, "ch"); err != nil {
		return nil, fmt.Errorf("challenge %q: %w", r.ID, err)
	}
	created, err := daysAgo(r.DaysAgo, now)
	if err != nil {
		return nil, fmt.Errorf("challenge %s: %w", r.ID, err)
	}
	status := models.ChallengeStatus(r.Status)
	c := &models.Challenge{
		ID:             r.ID,
		PostedBy:       r.PostedBy,
		Title:          r.Title,
		Description:    r.Description,
		Sectors:        r.Sectors,
		RequiredSkills: r.RequiredSkills,
		BudgetVND:      r.BudgetVND,
		Ward:           r.Ward,
		Status:         status,
		CreatedAt:      created,
		UpdatedAt:      created,
		Version:        1,
	}
	for _, k := range r.PreferredKinds {
		c.PreferredKinds = append(c.PreferredKinds, models.Kind(k))
	}
	var deadline time.Time
	if r.DeadlineInDays != nil {
		deadline = now.AddDate(0, 0, *r.DeadlineInDays)
		if deadline.Before(created) {
			return nil, fmt.Errorf("challenge %s: deadline_in_days %d falls before the challenge was created",
				r.ID, *r.DeadlineInDays)
		}
		c.Deadline = deadline.Format(models.DateLayout)
	}
	switch status {
	case models.ChallengeDraft:
	case models.ChallengeOpen:
		if r.DeadlineInDays != nil && *r.DeadlineInDays < 0 {
			return nil, fmt.Errorf("challenge %s: an open challenge cannot be past its deadline", r.ID)
		}
		published := created
		c.PublishedAt = &published
	case models.ChallengeClosed, models.ChallengeAwarded:
		published := created
		closed := now
		if r.DeadlineInDays != nil && *r.DeadlineInDays < 0 {
			closed = deadline
		}
		c.PublishedAt = &published
		c.ClosedAt = &closed
		c.UpdatedAt = closed
	}
	return c, nil
}

// checkID accepts ids made of the prefix, a dash and four digits, such as "st-0001".
func checkID(id, prefix string) error {
	digits, ok := strings.CutPrefix(id, prefix+"-")
	if !ok || len(digits) != 4 || strings.Trim(digits, "0123456789") != "" {
		return fmt.Errorf("id must look like %s-0001", prefix)
	}
	return nil
}

// daysAgo returns now minus the days, which must be given and lie in [0, MaxDaysAgo].
func daysAgo(days *int, now time.Time) (time.Time, error) {
	if days == nil {
		return time.Time{}, errors.New("days_ago is required")
	}
	if *days < 0 || *days > MaxDaysAgo {
		return time.Time{}, fmt.Errorf("days_ago %d must be between 0 and %d", *days, MaxDaysAgo)
	}
	return now.AddDate(0, 0, -*days), nil
}

// eachLine calls fn with every non-blank line of a JSON Lines file and prefixes its error with the file
// name and the line number.
func eachLine(file string, data []byte, fn func(line int, data []byte) error) error {
	for i, raw := range bytes.Split(data, []byte("\n")) {
		raw = bytes.TrimSpace(raw)
		if len(raw) == 0 {
			continue
		}
		if err := fn(i+1, raw); err != nil {
			return fmt.Errorf("%s:%d: %w", file, i+1, err)
		}
	}
	return nil
}

// decodeStrict decodes one JSON object into v, rejecting unknown fields and trailing data.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("trailing data after the JSON object")
	}
	return nil
}

// describe spells out the field errors of a validation error, which its Error method leaves out.
func describe(err error) string {
	fields := models.ErrorFields(err)
	if len(fields) == 0 {
		return err.Error()
	}
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = f.Pointer + " " + f.Detail
	}
	return err.Error() + ": " + strings.Join(parts, "; ")
}
