// Package storetest is the conformance suite of innonet's store adapters: every implementation of
// models.Store runs Run from its own tests, so the embedded SQLite store and the MongoDB store cannot drift apart.
//
// The contract it checks, beyond the doc comments of models.Store:
//
//   - Versions belong to the store. Create* sets Version to 1 (on the caller's value too); Update* writes only
//     when the stored version equals the caller's, then increments the caller's Version by exactly 1; a stale
//     version is a CodeConflict error and a missing id a CodeNotFound error. Upsert* creates at version 1 or
//     replaces the stored document at its version + 1, whatever version the caller passes.
//   - Every lookup of something absent (or deleted) is a CodeNotFound error; duplicate ids and emails are
//     CodeConflict errors, a taken email with the field pointer "/email".
//   - Emails are stored lower-cased and looked up case-insensitively.
//   - Times read back equal to what was written at millisecond precision (adapters may drop the rest, and may
//     return them in UTC); nil and empty lists are the same. Everything else round-trips exactly.
//   - Lists are ordered by recency: UpdatedAt descending, then id ascending. Pages are counted from 1 and
//     normalized with models.Page.Normalized; the total counts every match, not just the page.
//   - The change feed reports, for every member and challenge written after a sequence number, at least its
//     latest state (or a tombstone with Deleted set once deleted), at a Seq greater than the sequence number
//     and greater than any earlier change to that entity; Seq increases strictly within a result. Adapters
//     may collapse earlier changes of an entity into its latest one, or report them too. LastSeq is the Seq of
//     the newest change (0 for an empty store), so a follower whose checkpoint equals it has caught up.
//   - UseRefreshToken does not look at expiry (callers check Usable); an unknown token id is CodeNotFound.
//   - Interests, notifications, outgoing mails and jobs get an id from the store when they have none.
//     Interests are listed newest first: CreatedAt descending, then id ascending.
//   - AddNotifications and EnqueueMail skip a Key already stored or earlier in the same batch (the first one
//     wins), and an item whose id is taken. A notification's Seq is positive, increases in the order of the
//     batch, and is greater than every Seq of an earlier call. ListNotifications is newest first (Seq
//     descending); NotificationsAfter is by Seq, NotificationsSince by CreatedAt (inclusive) then Seq. MarkRead
//     keeps the first read time of a notification.
//   - Preferences: saving at Version 0 over saved preferences, or at a Version > 0 over none, is a
//     CodeConflict error, as is an unsubscribe token of another account; an empty token is no token. DigestDue
//     is oldest LastDigestAt first, strictly before the given time.
//   - Claims (ClaimMail, ClaimJobs) take what is due at now and whose lease ended at or before now, oldest first
//     (mail: NextAttemptAt, then CreatedAt; jobs: CreatedAt), set the lease to now+lease and count the attempt.
//     MarkMailFailed and FailJob release the lease; a failed job is due again at its retry time, so its
//     LeaseUntil reads as that time. Marking an unknown mail or job is CodeNotFound.
//   - One-time tokens: ConsumeToken works once per token, only for its kind, only before ExpiresAt, and
//     returns the token with UsedAt set; anything else is CodeNotFound. DecideClaimRequest decides a pending
//     request once; a decided one is a CodeConflict error. Claim requests are listed newest first.
//   - UpdateChallengeWithJob and UpdateMemberWithJob write both or neither: a failed update (stale, missing,
//     or a taken job id) leaves no job to claim.
//   - Dump (models.Dumper) emits every record with the Seq of its latest change; Load (models.Loader) into an
//     empty store writes them back so that a second dump is the same, counts agree, and new writes continue the
//     change and notification sequences after the loaded ones. The stores may dump in different orders.
package storetest

import (
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

// Capabilities says what the backend under test supports; tests that need more are skipped with the reason.
type Capabilities struct {
	// Concurrency: atomic conditional updates under concurrent clients.
	Concurrency bool
}

// Run runs the whole suite. open must return a fresh, empty store for each subtest and arrange its cleanup
// with t.Cleanup.
func Run(t *testing.T, open func(t *testing.T) models.Store, caps Capabilities) {
	s := suite{open: open, caps: caps}
	groups := []struct {
		name  string
		tests []test
	}{
		{"Accounts", s.accountTests()},
		{"Members", s.memberTests()},
		{"MemberList", s.memberListTests()},
		{"Challenges", s.challengeTests()},
		{"Sessions", s.sessionTests()},
		{"Changes", s.changeTests()},
		{"Interests", s.interestTests()},
		{"Notifications", s.notificationTests()},
		{"Preferences", s.preferencesTests()},
		{"Outbox", s.outboxTests()},
		{"Jobs", s.jobTests()},
		{"InterestJobs", s.interestJobTests()},
		{"QuestionJobs", s.questionJobTests()},
		{"OneTimeTokens", s.oneTimeTests()},
		{"ClaimRequests", s.claimRequestTests()},
		{"Questions", s.questionTests()},
		{"Attachments", s.attachmentTests()},
		{"DumpLoad", s.dumpTests()},
		{"Audit", s.auditTests()},
		{"Consents", s.consentTests()},
		{"Erasure", s.erasureTests()},
		{"Concurrency", s.concurrencyTests()},
	}
	t.Run("Ping", func(t *testing.T) {
		if err := open(t).Ping(t.Context()); err != nil {
			t.Fatalf("Ping: %v", err)
		}
	})
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			for _, tc := range g.tests {
				t.Run(tc.name, tc.run)
			}
		})
	}
}

// suite carries what every test needs.
type suite struct {
	open func(t *testing.T) models.Store
	caps Capabilities
}

// test is one named subtest of a group.
type test struct {
	name string
	run  func(t *testing.T)
}
