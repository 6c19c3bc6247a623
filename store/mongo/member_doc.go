package mongo

import (
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// memberDoc is a member as stored. Every field is always written (no omitempty), so that replacing a document
// with $set clears what the new version leaves empty. A deleted member is a tombstone: Deleted is set and only
// the id, the version and the change number are kept.
type memberDoc struct {
	ID          string     `bson:"_id"`
	Deleted     bool       `bson:"deleted"`
	Seq         int64      `bson:"seq"`
	Version     int64      `bson:"version"`
	Kind        string     `bson:"kind"`
	Name        string     `bson:"name"`
	Headline    string     `bson:"headline"`
	Description string     `bson:"description"`
	Sectors     []string   `bson:"sectors"`
	Skills      []string   `bson:"skills"`
	Ward        string     `bson:"ward"`
	Languages   []string   `bson:"languages"`
	Contact     contactDoc `bson:"contact"`

	Stage           string   `bson:"stage"`
	Founded         int      `bson:"founded"`
	TeamSize        int      `bson:"team_size"`
	Organization    string   `bson:"organization"`
	Title           string   `bson:"title"`
	YearsExperience int      `bson:"years_experience"`
	AvailableFor    []string `bson:"available_for"`
	Services        []string `bson:"services"`
	Jurisdiction    string   `bson:"jurisdiction"`

	Status           string     `bson:"status"`
	Verification     string     `bson:"verification"`
	VerificationNote string     `bson:"verification_note"`
	OwnerIDs         []string   `bson:"owner_ids"`
	CreatedAt        time.Time  `bson:"created_at"`
	UpdatedAt        time.Time  `bson:"updated_at"`
	PublishedAt      *time.Time `bson:"published_at"`
	RematchAt        *time.Time `bson:"rematch_at,omitempty"`
}

type contactDoc struct {
	Email             string `bson:"email"`
	Phone             string `bson:"phone"`
	Website           string `bson:"website"`
	EmailVisibility   string `bson:"email_visibility"`
	PhoneVisibility   string `bson:"phone_visibility"`
	WebsiteVisibility string `bson:"website_visibility"`
}

// roundMemberTimes rounds the times of m to what the store keeps.
func roundMemberTimes(m *models.Member) {
	roundTime(&m.CreatedAt, &m.UpdatedAt, &m.RematchAt)
	roundTimePtr(&m.PublishedAt)
}

func toMemberDoc(m *models.Member, seq int64) *memberDoc {
	return &memberDoc{
		ID:          m.ID,
		Seq:         seq,
		Version:     m.Version,
		Kind:        string(m.Kind),
		Name:        m.Name,
		Headline:    m.Headline,
		Description: m.Description,
		Sectors:     m.Sectors,
		Skills:      m.Skills,
		Ward:        m.Ward,
		Languages:   m.Languages,
		Contact: contactDoc{
			Email:             m.Contact.Email,
			Phone:             m.Contact.Phone,
			Website:           m.Contact.Website,
			EmailVisibility:   string(m.Contact.EmailVisibility),
			PhoneVisibility:   string(m.Contact.PhoneVisibility),
			WebsiteVisibility: string(m.Contact.WebsiteVisibility),
		},
		Stage:            m.Stage,
		Founded:          m.Founded,
		TeamSize:         m.TeamSize,
		Organization:     m.Organization,
		Title:            m.Title,
		YearsExperience:  m.YearsExperience,
		AvailableFor:     m.AvailableFor,
		Services:         m.Services,
		Jurisdiction:     m.Jurisdiction,
		Status:           string(m.Status),
		Verification:     string(m.Verification),
		VerificationNote: m.VerificationNote,
		OwnerIDs:         m.OwnerIDs,
		CreatedAt:        storedTime(m.CreatedAt),
		UpdatedAt:        storedTime(m.UpdatedAt),
		PublishedAt:      storedTimePtr(m.PublishedAt),
		RematchAt:        optionalTime(m.RematchAt),
	}
}

func (d *memberDoc) toModel() *models.Member {
	return &models.Member{
		ID:          d.ID,
		Kind:        models.Kind(d.Kind),
		Name:        d.Name,
		Headline:    d.Headline,
		Description: d.Description,
		Sectors:     d.Sectors,
		Skills:      d.Skills,
		Ward:        d.Ward,
		Languages:   d.Languages,
		Contact: models.Contact{
			Email:             d.Contact.Email,
			Phone:             d.Contact.Phone,
			Website:           d.Contact.Website,
			EmailVisibility:   models.Visibility(d.Contact.EmailVisibility),
			PhoneVisibility:   models.Visibility(d.Contact.PhoneVisibility),
			WebsiteVisibility: models.Visibility(d.Contact.WebsiteVisibility),
		},
		Stage:            d.Stage,
		Founded:          d.Founded,
		TeamSize:         d.TeamSize,
		Organization:     d.Organization,
		Title:            d.Title,
		YearsExperience:  d.YearsExperience,
		AvailableFor:     d.AvailableFor,
		Services:         d.Services,
		Jurisdiction:     d.Jurisdiction,
		Status:           models.ProfileStatus(d.Status),
		Verification:     models.Verification(d.Verification),
		VerificationNote: d.VerificationNote,
		OwnerIDs:         d.OwnerIDs,
		CreatedAt:        storedTime(d.CreatedAt),
		UpdatedAt:        storedTime(d.UpdatedAt),
		PublishedAt:      storedTimePtr(d.PublishedAt),
		RematchAt:        timeOrZero(d.RematchAt),
		Version:          d.Version,
	}
}

// memberTombstone is what stays of a deleted member: enough for the change feed, nothing personal.
func memberTombstone(id string, version, seq int64) *memberDoc {
	return &memberDoc{ID: id, Deleted: true, Version: version, Seq: seq}
}
