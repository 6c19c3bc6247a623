package auth

import (
	"testing"
	"time"
)

// TestSharedKeyDirConverges plays two instances sharing a key directory: one rotates after both started, and
// the other then accepts its tokens and moves its own signing to the newest key.
func TestSharedKeyDirConverges(t *testing.T) {
	f := newTokenFixture(t)
	otherKeys, err := LoadOrCreateKeys(f.dir, f.clock)
	if err != nil {
		t.Fatal(err)
	}
	other := f.newIssuer(t, IssuerConfig{Keys: otherKeys})
	f.clock.Advance(time.Minute)
	rotated, err := f.keys.Rotate()
	if err != nil {
		t.Fatal(err)
	}
	tok := f.issue(t)
	if _, err := other.Verify(tok); err != nil {
		t.Fatalf("the other instance refused a token signed with the key rotated in after it started: %v", err)
	}
	if got := otherKeys.ActiveKID(); got != rotated {
		t.Errorf("the other instance signs with %q after reloading, want the newest %q", got, rotated)
	}
	if _, err := f.issuer.Verify(issueWith(t, other)); err != nil {
		t.Errorf("token of the other instance: %v", err)
	}
}

// TestUnknownKidReloadsAtMostEveryFewSeconds checks that tokens naming keys nobody has cannot make every
// request read the key directory.
func TestUnknownKidReloadsAtMostEveryFewSeconds(t *testing.T) {
	f := newTokenFixture(t)
	if !f.keys.reload() {
		t.Fatal("the first reload did not read the directory")
	}
	if f.keys.reload() {
		t.Error("a second reload within reloadEvery read the directory again")
	}
	f.clock.Advance(reloadEvery)
	if !f.keys.reload() {
		t.Error("a reload after reloadEvery did not read the directory")
	}
	if _, ok := f.keys.verifierOrReload("not-a-kid"); ok {
		t.Error("a malformed kid verified")
	}
}
