package records

import (
	"slices"

	"github.com/hanoi-innovation/innonet/models"
)

// memberRow is a member as the import files spell it (shared/eval/members.jsonl), plus contact and
// verified. Its field order is the order of JSONL keys and of CSV/XLSX columns.
type memberRow struct {
	ID              string     `json:"id"`
	Kind            string     `json:"kind"`
	Name            string     `json:"name"`
	Headline        string     `json:"headline,omitempty"`
	Description     string     `json:"description,omitempty"`
	Sectors         []string   `json:"sectors,omitempty"`
	Skills          []string   `json:"skills,omitempty"`
	Ward            string     `json:"ward,omitempty"`
	Languages       []string   `json:"languages,omitempty"`
	Stage           string     `json:"stage,omitempty"`
	Founded         int        `json:"founded,omitempty"`
	TeamSize        int        `json:"team_size,omitempty"`
	Organization    string     `json:"organization,omitempty"`
	Title           string     `json:"title,omitempty"`
	YearsExperience int        `json:"years_experience,omitempty"`
	AvailableFor    []string   `json:"available_for,omitempty"`
	Services        []string   `json:"services,omitempty"`
	Jurisdiction    string     `json:"jurisdiction,omitempty"`
	Verified        *bool      `json:"verified,omitempty"`
	Contact         contactRow `json:"contact,omitzero"`
}

// contactRow is the optional contact object of a member row.
type contactRow struct {
	Email             string `json:"email,omitempty"`
	Phone             string `json:"phone,omitempty"`
	Website           string `json:"website,omitempty"`
	EmailVisibility   string `json:"email_visibility,omitempty"`
	PhoneVisibility   string `json:"phone_visibility,omitempty"`
	WebsiteVisibility string `json:"website_visibility,omitempty"`
}

func (r *memberRow) columns() []column {
	return []column{
		col("id", &r.ID),
		col("kind", &r.Kind),
		col("name", &r.Name),
		col("headline", &r.Headline),
		col("description", &r.Description),
		col("sectors", &r.Sectors),
		col("skills", &r.Skills),
		col("ward", &r.Ward),
		col("languages", &r.Languages),
		col("stage", &r.Stage),
		col("founded", &r.Founded),
		col("team_size", &r.TeamSize),
		col("organization", &r.Organization),
		col("title", &r.Title),
		col("years_experience", &r.YearsExperience),
		col("available_for", &r.AvailableFor),
		col("services", &r.Services),
		col("jurisdiction", &r.Jurisdiction),
		col("verified", &r.Verified),
		col("contact_email", &r.Contact.Email),
		col("contact_phone", &r.Contact.Phone),
		col("contact_website", &r.Contact.Website),
		col("contact_email_visibility", &r.Contact.EmailVisibility),
		col("contact_phone_visibility", &r.Contact.PhoneVisibility),
		col("contact_website_visibility", &r.Contact.WebsiteVisibility),
	}
}

func (r *memberRow) key() string { return r.ID }

// member converts the row: published, Version 0, times zero. An organisation is verified unless verified
// is false, which makes it pending; other kinds are not subject to verification.
func (r *memberRow) member() *models.Member {
	m := &models.Member{
		ID:              r.ID,
		Kind:            models.Kind(r.Kind),
		Name:            r.Name,
		Headline:        r.Headline,
		Description:     r.Description,
		Sectors:         list(r.Sectors),
		Skills:          list(r.Skills),
		Ward:            r.Ward,
		Languages:       list(r.Languages),
		Stage:           r.Stage,
		Founded:         r.Founded,
		TeamSize:        r.TeamSize,
		Organization:    r.Organization,
		Title:           r.Title,
		YearsExperience: r.YearsExperience,
		AvailableFor:    list(r.AvailableFor),
		Services:        list(r.Services),
		Jurisdiction:    r.Jurisdiction,
		Contact: models.Contact{
			Email:             r.Contact.Email,
			Phone:             r.Contact.Phone,
			Website:           r.Contact.Website,
			EmailVisibility:   models.Visibility(r.Contact.EmailVisibility),
			PhoneVisibility:   models.Visibility(r.Contact.PhoneVisibility),
			WebsiteVisibility: models.Visibility(r.Contact.WebsiteVisibility),
		},
		Status:       models.ProfilePublished,
		Verification: models.VerificationNone,
	}
	if m.Kind.IsOrganisation() {
		m.Verification = models.VerificationVerified
		if r.Verified != nil && !*r.Verified {
			m.Verification = models.VerificationPending
		}
	}
	return m
}

// newMemberRow is the inverse of member. An organisation that is not verified (pending or rejected) is
// written with verified false.
func newMemberRow(m *models.Member) *memberRow {
	r := &memberRow{
		ID:              m.ID,
		Kind:            string(m.Kind),
		Name:            m.Name,
		Headline:        m.Headline,
		Description:     m.Description,
		Sectors:         m.Sectors,
		Skills:          m.Skills,
		Ward:            m.Ward,
		Languages:       m.Languages,
		Stage:           m.Stage,
		Founded:         m.Founded,
		TeamSize:        m.TeamSize,
		Organization:    m.Organization,
		Title:           m.Title,
		YearsExperience: m.YearsExperience,
		AvailableFor:    m.AvailableFor,
		Services:        m.Services,
		Jurisdiction:    m.Jurisdiction,
		Contact: contactRow{
			Email:             m.Contact.Email,
			Phone:             m.Contact.Phone,
			Website:           m.Contact.Website,
			EmailVisibility:   string(m.Contact.EmailVisibility),
			PhoneVisibility:   string(m.Contact.PhoneVisibility),
			WebsiteVisibility: string(m.Contact.WebsiteVisibility),
		},
	}
	if m.Kind.IsOrganisation() {
		verified := m.Verified()
		r.Verified = &verified
	}
	return r
}

// list returns a copy of items, or nil when there are none, so that an empty list and an absent one read
// the same in every format.
func list(items []string) []string {
	if len(items) == 0 {
		return nil
	}
	return slices.Clone(items)
}
