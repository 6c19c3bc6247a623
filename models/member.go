package models

import (
	"fmt"
	"strings"
	"time"
)

// Kind is the kind of a member of the network.
type Kind string

// The four kinds of member.
const (
	KindStartup          Kind = "startup"
	KindExpert           Kind = "expert"
	KindInnovationCenter Kind = "innovation_center"
	KindAgency           Kind = "agency"
)

// Kinds lists every kind, in display order.
var Kinds = []Kind{KindStartup, KindExpert, KindInnovationCenter, KindAgency}

// Valid reports whether k is one of the four kinds.
func (k Kind) Valid() bool {
	switch k {
	case KindStartup, KindExpert, KindInnovationCenter, KindAgency:
		return true
	}
	return false
}

// IsOrganisation reports whether members of this kind are verified by an admin before they act for the city.
func (k Kind) IsOrganisation() bool { return k == KindAgency || k == KindInnovationCenter }

// ProfileStatus says whether a profile is visible to the public.
type ProfileStatus string

// Profile statuses: a new profile is a draft until its owner publishes it.
const (
	ProfileDraft     ProfileStatus = "draft"
	ProfilePublished ProfileStatus = "published"
)

// Verification is an organisation's standing with the admins.
type Verification string

// Verification states. Startups and experts stay at VerificationNone.
const (
	VerificationNone     Verification = "none"
	VerificationPending  Verification = "pending"
	VerificationVerified Verification = "verified"
	VerificationRejected Verification = "rejected"
)

// Visibility says who may see a contact field.
type Visibility string

// Visibility levels of a contact field.
const (
	VisibilityPublic  Visibility = "public"  // anyone, visitors included
	VisibilityMembers Visibility = "members" // signed-in members
	VisibilityPrivate Visibility = "private" // the owner and admins only
)

// Valid reports whether v is a known visibility.
func (v Visibility) Valid() bool {
	return v == VisibilityPublic || v == VisibilityMembers || v == VisibilityPrivate
}

// Startup stages.
var Stages = []string{"idea", "mvp", "seed", "series_a", "growth"}

// AvailableFor lists what an expert may offer.
var AvailableFor = []string{"mentoring", "consulting", "research", "training", "judging"}

// Contact holds a member's contact details and who may see each of them.
type Contact struct {
	Email             string     `json:"email,omitempty"`
	Phone             string     `json:"phone,omitempty"`
	Website           string     `json:"website,omitempty"`
	EmailVisibility   Visibility `json:"email_visibility,omitempty"`
	PhoneVisibility   Visibility `json:"phone_visibility,omitempty"`
	WebsiteVisibility Visibility `json:"website_visibility,omitempty"`
}

// Member is a profile in the directory: a startup, an expert, an innovation center or an agency.
// Field names follow the import files (../shared/eval/members.jsonl).
type Member struct {
	ID          string   `json:"id"`
	Kind        Kind     `json:"kind"`
	Name        string   `json:"name"`
	Headline    string   `json:"headline,omitempty"`
	Description string   `json:"description,omitempty"`
	Sectors     []string `json:"sectors,omitempty"`
	Skills      []string `json:"skills,omitempty"`
	Ward        string   `json:"ward,omitempty"`
	Languages   []string `json:"languages,omitempty"`
	Contact     Contact  `json:"contact"`

	// Startup.
	Stage    string `json:"stage,omitempty"`
	Founded  int    `json:"founded,omitempty"`
	TeamSize int    `json:"team_size,omitempty"`
	// Expert.
	Organization    string   `json:"organization,omitempty"`
	Title           string   `json:"title,omitempty"`
	YearsExperience int      `json:"years_experience,omitempty"`
	AvailableFor    []string `json:"available_for,omitempty"`
	// Innovation center.
	Services []string `json:"services,omitempty"`
	// Agency.
	Jurisdiction string `json:"jurisdiction,omitempty"`

	Status           ProfileStatus `json:"status"`
	Verification     Verification  `json:"verification"`
	VerificationNote string        `json:"verification_note,omitempty"`
	OwnerIDs         []string      `json:"owner_ids,omitempty"`
	CreatedAt        time.Time     `json:"created_at"`
	UpdatedAt        time.Time     `json:"updated_at"`
	PublishedAt      *time.Time    `json:"published_at,omitempty"`
	// RematchAt is when the last change that matching reads was written, with the job that matches the
	// profile again: a job of an earlier change, finding it later than itself, leaves the work to that job.
	RematchAt time.Time `json:"rematch_at,omitzero"`
	// Version counts the updates; an update must name the version it started from.
	Version int64 `json:"version"`
}

// Verified reports whether an admin verified the organisation.
func (m *Member) Verified() bool { return m.Verification == VerificationVerified }

// Published reports whether the profile is public.
func (m *Member) Published() bool { return m.Status == ProfilePublished }

// OwnedBy reports whether the account owns the profile.
func (m *Member) OwnedBy(accountID string) bool {
	for _, id := range m.OwnerIDs {
		if id == accountID {
			return true
		}
	}
	return false
}

// Normalize brings every text field to NFC and tidies the tag lists. It changes nothing else.
func (m *Member) Normalize() {
	m.ID = strings.TrimSpace(m.ID)
	m.Name = NormalizeText(m.Name)
	m.Headline = NormalizeText(m.Headline)
	m.Description = NormalizeText(m.Description)
	m.Ward = NormalizeText(m.Ward)
	m.Organization = NormalizeText(m.Organization)
	m.Title = NormalizeText(m.Title)
	m.Jurisdiction = NormalizeText(m.Jurisdiction)
	m.Skills = NormalizeTags(m.Skills)
	m.Services = NormalizeTags(m.Services)
	m.Sectors = NormalizeTags(m.Sectors)
	m.Languages = NormalizeTags(m.Languages)
	m.AvailableFor = NormalizeTags(m.AvailableFor)
	m.Contact.Email = NormalizeEmail(m.Contact.Email)
	m.Contact.Phone = strings.TrimSpace(m.Contact.Phone)
	m.Contact.Website = strings.TrimSpace(m.Contact.Website)
	if m.Contact.EmailVisibility == "" {
		m.Contact.EmailVisibility = VisibilityMembers
	}
	if m.Contact.PhoneVisibility == "" {
		m.Contact.PhoneVisibility = VisibilityPrivate
	}
	if m.Contact.WebsiteVisibility == "" {
		m.Contact.WebsiteVisibility = VisibilityPublic
	}
}

// Validate checks the profile against the rules of the directory. Pointers name the JSON fields.
func (m *Member) Validate(tax *Taxonomy) error {
	var f fieldErrors
	if !m.Kind.Valid() {
		f.add("/kind", "must be one of startup, expert, innovation_center, agency")
	}
	f.text("/name", m.Name, 2, 200, true)
	f.text("/headline", m.Headline, 0, 300, false)
	f.text("/description", m.Description, 0, 10000, false)
	f.text("/ward", m.Ward, 0, 100, false)
	if len(m.Sectors) > 10 {
		f.add("/sectors", "must have at most 10 items")
	}
	for i, s := range m.Sectors {
		if !tax.Valid(s) {
			f.add(fmt.Sprintf("/sectors/%d", i), "%q is not a sector of the taxonomy", s)
		}
	}
	f.tags("/skills", m.Skills, 40, 80)
	f.tags("/languages", m.Languages, 10, 10)
	f.tags("/services", m.Services, 30, 120)
	if m.Contact.Email != "" && !ValidEmail(m.Contact.Email) {
		f.add("/contact/email", "is not an email address")
	}
	f.text("/contact/phone", m.Contact.Phone, 0, 40, false)
	if w := m.Contact.Website; w != "" && !(strings.HasPrefix(w, "https://") || strings.HasPrefix(w, "http://")) {
		f.add("/contact/website", "must start with http:// or https://")
	}
	for p, v := range map[string]Visibility{"/contact/email_visibility": m.Contact.EmailVisibility,
		"/contact/phone_visibility": m.Contact.PhoneVisibility, "/contact/website_visibility": m.Contact.WebsiteVisibility} {
		if !v.Valid() {
			f.add(p, "must be public, members or private")
		}
	}
	if m.Stage != "" && !contains(Stages, m.Stage) {
		f.add("/stage", "must be one of %s", strings.Join(Stages, ", "))
	}
	if m.Founded != 0 && (m.Founded < 1900 || m.Founded > 2100) {
		f.add("/founded", "must be a year")
	}
	if m.TeamSize < 0 || m.TeamSize > 1000000 {
		f.add("/team_size", "must be between 0 and 1000000")
	}
	if m.YearsExperience < 0 || m.YearsExperience > 80 {
		f.add("/years_experience", "must be between 0 and 80")
	}
	for i, a := range m.AvailableFor {
		if !contains(AvailableFor, a) {
			f.add(fmt.Sprintf("/available_for/%d", i), "must be one of %s", strings.Join(AvailableFor, ", "))
		}
	}
	f.text("/organization", m.Organization, 0, 200, false)
	f.text("/title", m.Title, 0, 200, false)
	f.text("/jurisdiction", m.Jurisdiction, 0, 200, false)
	return f.err()
}

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}
