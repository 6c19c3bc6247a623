package models_test

import (
	"os"
	"regexp"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

// TestPolicyVersionMatchesTheWebApp checks that the web app shows and asks for the policy version the server
// records.
func TestPolicyVersionMatchesTheWebApp(t *testing.T) {
	b, err := os.ReadFile("../frontend/src/pages/privacy/policy.ts")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`PRIVACY_POLICY_VERSION = '([^']+)'`).FindSubmatch(b)
	if m == nil {
		t.Fatal("no PRIVACY_POLICY_VERSION in policy.ts")
	}
	if string(m[1]) != models.PrivacyPolicyVersion {
		t.Fatalf("the web app's policy is version %s, the server's %s", m[1], models.PrivacyPolicyVersion)
	}
}
