package storetest

import (
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

func (s suite) consentTests() []test {
	return []test{
		{"RoundTrip", s.consentRoundTrip},
	}
}

func (s suite) consentRoundTrip(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	none, err := st.Consents(ctx, "ac-1")
	must(t, "Consents of nobody", err)
	if len(none) != 0 {
		t.Fatalf("Consents before any: %d records", len(none))
	}
	later := &models.Consent{AccountID: "ac-1", PolicyVersion: "2027-01-01", GivenAt: at(48 * time.Hour), Source: models.ConsentLater}
	first := &models.Consent{ID: "cs-1", AccountID: "ac-1", PolicyVersion: "2026-11-28", GivenAt: at(0), Source: models.ConsentAtRegistration}
	other := &models.Consent{AccountID: "ac-2", PolicyVersion: "2026-11-28", GivenAt: at(time.Hour), Source: models.ConsentAtRegistration}
	for _, c := range []*models.Consent{later, first, other} {
		must(t, "AddConsent", st.AddConsent(ctx, c))
	}
	if later.ID == "" {
		t.Fatal("AddConsent gave no id")
	}
	assertCode(t, "AddConsent with a taken id", st.AddConsent(ctx, &models.Consent{ID: "cs-1", AccountID: "ac-3", GivenAt: at(0)}), models.CodeConflict)
	got, err := st.Consents(ctx, "ac-1")
	must(t, "Consents", err)
	if len(got) != 2 {
		t.Fatalf("Consents: %d records, want 2", len(got))
	}
	assertSame(t, "first consent", first, got[0])
	assertSame(t, "later consent", later, got[1])
}
