package app

import (
	"context"

	"github.com/hanoi-innovation/innonet/models"
)

// ConsentState is what an account agreed to: its latest consent, if any, against the policy in force.
type ConsentState struct {
	// Latest is the newest consent record, nil when the account never consented.
	Latest         *models.Consent
	CurrentVersion string
}

// Required reports whether the account must accept the policy in force.
func (c ConsentState) Required() bool {
	return c.Latest == nil || c.Latest.PolicyVersion != c.CurrentVersion
}

// checkPolicyVersion refuses a consent to a version that is not the one in force.
func checkPolicyVersion(pointer, version string) error {
	if version != models.PrivacyPolicyVersion {
		return models.Invalid(models.FieldError{Pointer: pointer,
			Detail: "must be the privacy policy version in force, " + models.PrivacyPolicyVersion})
	}
	return nil
}

// GiveConsent records that p's account accepts the privacy policy of the version, which must be the one in
// force.
func (s *Service) GiveConsent(ctx context.Context, p *models.Principal, version string) (ConsentState, error) {
	if !p.SignedIn() {
		return ConsentState{}, models.Errorf(models.CodeUnauthorized, "sign in first")
	}
	if err := checkPolicyVersion("/policy_version", version); err != nil {
		return ConsentState{}, err
	}
	c := &models.Consent{AccountID: p.AccountID, PolicyVersion: version, GivenAt: s.now(), Source: models.ConsentLater}
	if err := s.Store.AddConsent(ctx, c); err != nil {
		return ConsentState{}, err
	}
	return ConsentState{Latest: c, CurrentVersion: models.PrivacyPolicyVersion}, nil
}

// Consent returns the consent state of an account.
func (s *Service) Consent(ctx context.Context, accountID string) (ConsentState, error) {
	cs, err := s.Store.Consents(ctx, accountID)
	if err != nil {
		return ConsentState{}, err
	}
	st := ConsentState{CurrentVersion: models.PrivacyPolicyVersion}
	if len(cs) > 0 {
		st.Latest = cs[len(cs)-1]
	}
	return st, nil
}
