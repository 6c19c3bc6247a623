package app

import (
	"context"
	"strings"

	"github.com/hanoi-innovation/innonet/models"
)

// RevealedFields names the contact fields of m that are shown in c and that m did not make public: what a
// reveal discloses beyond the public profile.
func RevealedFields(m *models.Member, c models.Contact) []string {
	var out []string
	for _, f := range []struct {
		name, value string
		vis         models.Visibility
	}{
		{"email", c.Email, m.Contact.EmailVisibility},
		{"phone", c.Phone, m.Contact.PhoneVisibility},
		{"website", c.Website, m.Contact.WebsiteVisibility},
	} {
		if f.value != "" && f.vis != models.VisibilityPublic {
			out = append(out, f.name)
		}
	}
	return out
}

// NoteContactReveal records in the audit log that contact details of m which m did not make public were
// shown to p, who does not own m; via says how (a profile read, a response to a challenge...). Showing a
// member its own profile, or only public fields, records nothing. The HTTP layer calls it for every response
// that carries contact fields to someone else.
func (s *Service) NoteContactReveal(ctx context.Context, p *models.Principal, m *models.Member, shown models.Contact, via string) {
	if p == nil || p.Owns(m) {
		return
	}
	fields := RevealedFields(m, shown)
	if len(fields) == 0 {
		return
	}
	s.audit(ctx, p, models.AuditContactReveal, models.TargetMember, m.ID,
		map[string]string{"via": via, "fields": strings.Join(fields, ",")})
}
