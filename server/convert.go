package server

import (
	"context"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/hanoi-innovation/innonet/api"
	"github.com/hanoi-innovation/innonet/models"
)

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func optInt(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

func optStrings(v []string) *[]string {
	if len(v) == 0 {
		return nil
	}
	return &v
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// memberOut renders a member for the caller: contact fields only as the member chose to show them to p.
func memberOut(m *models.Member, p *models.Principal) api.Member {
	out := api.Member{
		Id: m.ID, Kind: api.Kind(m.Kind), Name: m.Name, Claimable: claimable(m),
		Headline: optString(m.Headline), Description: optString(m.Description),
		Sectors: optStrings(m.Sectors), Skills: optStrings(m.Skills), Ward: optString(m.Ward),
		Languages: optStrings(m.Languages), Founded: optInt(m.Founded), TeamSize: optInt(m.TeamSize),
		Organization: optString(m.Organization), Title: optString(m.Title), YearsExperience: optInt(m.YearsExperience),
		Services: optStrings(m.Services), Jurisdiction: optString(m.Jurisdiction),
		Status: api.ProfileStatus(m.Status), Verified: m.Verified(), Verification: api.Verification(m.Verification),
		CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt, PublishedAt: m.PublishedAt, Version: m.Version,
	}
	if m.Stage != "" {
		st := api.Stage(m.Stage)
		out.Stage = &st
	}
	if len(m.AvailableFor) > 0 {
		af := make([]api.AvailableFor, len(m.AvailableFor))
		for i, a := range m.AvailableFor {
			af[i] = api.AvailableFor(a)
		}
		out.AvailableFor = &af
	}
	if p.IsAdmin() || p.Owns(m) {
		out.VerificationNote = optString(m.VerificationNote)
	}
	out.Contact = contactOut(m.ContactFor(p))
	return out
}

func contactOut(c models.Contact) *api.Contact {
	ev, pv, wv := api.Visibility(c.EmailVisibility), api.Visibility(c.PhoneVisibility), api.Visibility(c.WebsiteVisibility)
	return &api.Contact{Email: optString(c.Email), Phone: optString(c.Phone), Website: optString(c.Website),
		EmailVisibility: &ev, PhoneVisibility: &pv, WebsiteVisibility: &wv}
}

// memberCard renders a member in a list (directory, search, matches): contact fields only where the member
// made them public, whoever asks, so that lists never reveal what a member chose to show to fewer people.
// The owner sees its own in full.
func memberCard(m *models.Member, p *models.Principal) api.Member {
	out := memberOut(m, p)
	if !p.Owns(m) {
		out.Contact = contactOut(m.ContactFor(nil))
	}
	return out
}

// memberShown renders a member for p like memberOut and records in the audit log the contact details it
// reveals beyond the public profile, with via saying how.
func (h handlers) memberShown(ctx context.Context, m *models.Member, p *models.Principal, via string) api.Member {
	h.app.NoteContactReveal(ctx, p, m, m.ContactFor(p), via)
	return memberOut(m, p)
}

// applyMemberUpdate copies the fields present in the body onto the member.
func applyMemberUpdate(b *api.MemberUpdate) func(*models.Member) {
	return func(m *models.Member) {
		set(&m.Name, b.Name)
		set(&m.Headline, b.Headline)
		set(&m.Description, b.Description)
		set(&m.Ward, b.Ward)
		set(&m.Organization, b.Organization)
		set(&m.Title, b.Title)
		set(&m.Jurisdiction, b.Jurisdiction)
		set(&m.Founded, b.Founded)
		set(&m.TeamSize, b.TeamSize)
		set(&m.YearsExperience, b.YearsExperience)
		set(&m.Languages, b.Languages)
		if b.Sectors != nil {
			m.Sectors = *b.Sectors
		}
		if b.Skills != nil {
			m.Skills = *b.Skills
		}
		if b.Services != nil {
			m.Services = *b.Services
		}
		if b.Stage != nil {
			m.Stage = string(*b.Stage)
		}
		if b.AvailableFor != nil {
			m.AvailableFor = make([]string, len(*b.AvailableFor))
			for i, a := range *b.AvailableFor {
				m.AvailableFor[i] = string(a)
			}
		}
		if c := b.Contact; c != nil {
			set(&m.Contact.Email, c.Email)
			set(&m.Contact.Phone, c.Phone)
			set(&m.Contact.Website, c.Website)
			setVisibility(&m.Contact.EmailVisibility, c.EmailVisibility)
			setVisibility(&m.Contact.PhoneVisibility, c.PhoneVisibility)
			setVisibility(&m.Contact.WebsiteVisibility, c.WebsiteVisibility)
		}
	}
}

func set[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}

func setVisibility(dst *models.Visibility, src *api.Visibility) {
	if src != nil {
		*dst = models.Visibility(*src)
	}
}

// challengeOut renders a challenge with the name of the agency that posted it.
func (h handlers) challengeOut(ctx context.Context, c *models.Challenge) api.Challenge {
	out := challengeBase(c)
	out.PostedByName = optString(h.app.MemberNames(ctx, []string{c.PostedBy})[c.PostedBy])
	accepting := c.AcceptsResponses(h.app.Now())
	out.AcceptingResponses = &accepting
	return out
}

func challengeBase(c *models.Challenge) api.Challenge {
	out := api.Challenge{
		Id: c.ID, PostedBy: c.PostedBy, Title: c.Title, Description: c.Description,
		Context: optString(c.Context), Constraints: optString(c.Constraints), ExpectedOutcome: optString(c.ExpectedOutcome),
		Sectors: optStrings(c.Sectors), RequiredSkills: optStrings(c.RequiredSkills), BudgetVnd: c.BudgetVND,
		Ward: optString(c.Ward), Status: api.ChallengeStatus(c.Status), CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
		PublishedAt: c.PublishedAt, ClosedAt: c.ClosedAt, Version: c.Version,
	}
	if len(c.PreferredKinds) > 0 {
		ks := make([]api.SolverKind, len(c.PreferredKinds))
		for i, k := range c.PreferredKinds {
			ks[i] = api.SolverKind(k)
		}
		out.PreferredKinds = &ks
	}
	if d, err := time.Parse(models.DateLayout, c.Deadline); err == nil {
		out.Deadline = &openapi_types.Date{Time: d}
	}
	if end, ok := c.DeadlineEnd(); ok {
		out.ClosesAt = &end
	}
	return out
}

// challengeFields is the shape shared by the create and update bodies.
type challengeFields struct {
	Title, Description, Context, Constraints, ExpectedOutcome, Ward *string
	Sectors, RequiredSkills                                         *[]string
	PreferredKinds                                                  *[]api.SolverKind
	BudgetVnd                                                       *int64
	Deadline                                                        *openapi_types.Date
}

func (f challengeFields) apply(c *models.Challenge) {
	set(&c.Title, f.Title)
	set(&c.Description, f.Description)
	set(&c.Context, f.Context)
	set(&c.Constraints, f.Constraints)
	set(&c.ExpectedOutcome, f.ExpectedOutcome)
	set(&c.Ward, f.Ward)
	set(&c.Sectors, f.Sectors)
	set(&c.RequiredSkills, f.RequiredSkills)
	if f.PreferredKinds != nil {
		c.PreferredKinds = make([]models.Kind, len(*f.PreferredKinds))
		for i, k := range *f.PreferredKinds {
			c.PreferredKinds[i] = models.Kind(k)
		}
	}
	if f.BudgetVnd != nil {
		b := *f.BudgetVnd
		c.BudgetVND = &b
	}
	if f.Deadline != nil {
		c.Deadline = f.Deadline.Format(models.DateLayout)
	}
}

func meOut(a *models.Account, m *models.Member, p *models.Principal) api.Me {
	out := api.Me{Id: a.ID, Email: a.Email, Name: a.Name, Role: api.Role(a.Role), CreatedAt: a.CreatedAt,
		LastLoginAt: a.LastLoginAt, MemberId: optString(a.MemberID), EmailVerified: a.EmailVerified()}
	if r := a.StaffRoleOf(); r != "" {
		role := api.StaffRole(r)
		out.MemberRole = &role
	}
	if m != nil {
		mo := memberOut(m, p)
		out.Member = &mo
	}
	return out
}

func pageOf(page *api.PageNum, perPage *api.PerPage) models.Page {
	return models.Page{Page: deref(page), PerPage: deref(perPage)}.Normalized()
}
