package models

// Principal is who makes a request: an account with its role and member profile. A nil *Principal is a
// visitor who has not signed in.
type Principal struct {
	AccountID string
	MemberID  string
	Role      Role
}

// IsAdmin reports whether the principal is a signed-in admin.
func (p *Principal) IsAdmin() bool { return p != nil && p.Role == RoleAdmin }

// SignedIn reports whether the principal is a signed-in account.
func (p *Principal) SignedIn() bool { return p != nil && p.AccountID != "" }

// Owns reports whether the principal owns the member profile.
func (p *Principal) Owns(m *Member) bool { return p.SignedIn() && m.OwnedBy(p.AccountID) }

// ContactFor returns the contact details of m that p may see, by each field's visibility.
func (m *Member) ContactFor(p *Principal) Contact {
	if p.IsAdmin() || p.Owns(m) {
		return m.Contact
	}
	show := func(v Visibility) bool {
		return v == VisibilityPublic || (v == VisibilityMembers && p.SignedIn())
	}
	c := Contact{EmailVisibility: m.Contact.EmailVisibility, PhoneVisibility: m.Contact.PhoneVisibility,
		WebsiteVisibility: m.Contact.WebsiteVisibility}
	if show(m.Contact.EmailVisibility) {
		c.Email = m.Contact.Email
	}
	if show(m.Contact.PhoneVisibility) {
		c.Phone = m.Contact.Phone
	}
	if show(m.Contact.WebsiteVisibility) {
		c.Website = m.Contact.Website
	}
	return c
}
