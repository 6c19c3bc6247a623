package models

import "context"

// RecordKind names what a dumped record holds.
type RecordKind string

// The kinds of dumped records. A store that gains a kind of record adds it here, to RecordKinds, to Record,
// and to the Dump, Load and CountRecords of both adapters.
const (
	RecordAccount      RecordKind = "account"
	RecordMember       RecordKind = "member"
	RecordChallenge    RecordKind = "challenge"
	RecordTombstone    RecordKind = "tombstone" // a deleted member or challenge, kept for the change feed
	RecordRefreshToken RecordKind = "refresh_token"
	RecordOneTimeToken RecordKind = "one_time_token" // kept by the hash of its secret
	RecordClaimRequest RecordKind = "claim_request"
	RecordConsent      RecordKind = "consent"
	RecordInterest     RecordKind = "interest"
	RecordQuestion     RecordKind = "question"
	RecordAttachment   RecordKind = "attachment" // the metadata; the bytes are copied as files or blobs
	RecordNotification RecordKind = "notification"
	RecordPreferences  RecordKind = "preferences"
	RecordMail         RecordKind = "mail"
	RecordJob          RecordKind = "job"
	RecordAudit        RecordKind = "audit"    // an entry of the admin audit log, with its Seq
	RecordSequence     RecordKind = "sequence" // the state of a counter: the change feed's, the inbox's, the audit log's
)

// RecordKinds lists every kind of record, in the order a dump emits them: what a record refers to comes before
// it.
func RecordKinds() []RecordKind {
	return []RecordKind{
		RecordAccount, RecordMember, RecordChallenge, RecordTombstone, RecordRefreshToken, RecordOneTimeToken,
		RecordClaimRequest, RecordConsent, RecordInterest, RecordQuestion, RecordAttachment, RecordNotification,
		RecordPreferences, RecordMail, RecordJob, RecordAudit, RecordSequence,
	}
}

// The sequences a store keeps.
const (
	SequenceChanges       = "changes"       // numbers the change feed of members and challenges
	SequenceNotifications = "notifications" // numbers the notifications (the live stream's event ids)
	SequenceAudit         = "audit"         // numbers the entries of the audit log
)

// Record is one stored record in a dump, as the domain sees it but with what the store adds: ids, versions
// and times are kept, and members and challenges carry the Seq of their latest change, so that a follower of
// the change feed on the target sees the same sequence. Kind says which one field is set.
type Record struct {
	Kind         RecordKind
	Seq          int64 // members, challenges and tombstones: the Seq of their latest change
	Account      *Account
	Member       *Member
	Challenge    *Challenge
	Tombstone    *Tombstone
	RefreshToken *RefreshToken
	OneTimeToken *OneTimeToken
	ClaimRequest *ClaimRequest
	Consent      *Consent
	Interest     *Interest
	Question     *Question
	Attachment   *Attachment
	Notification *Notification
	Preferences  *Preferences
	Mail         *OutboxMail
	Job          *Job
	Audit        *AuditEntry
	Sequence     *Sequence
}

// Tombstone is what the change feed keeps of a deleted member or challenge.
type Tombstone struct {
	Type EntityType
	ID   string
}

// Sequence is the last number a counter of the store gave out.
type Sequence struct {
	Name string
	Last int64
}

// RecordCounts counts the records of a store by kind.
type RecordCounts map[RecordKind]int

// Total is the number of records of every kind but sequences.
func (c RecordCounts) Total() int {
	n := 0
	for k, v := range c {
		if k != RecordSequence {
			n += v
		}
	}
	return n
}

// Dumper streams every record of a store, to copy it into another store.
type Dumper interface {
	// Dump calls emit with every record, kind by kind in the order of RecordKinds, from one consistent
	// snapshot where the store has them. An error from emit stops the dump and is returned.
	Dump(ctx context.Context, emit func(Record) error) error
	// CountRecords counts the records Dump would emit, by kind.
	CountRecords(ctx context.Context) (RecordCounts, error)
}

// Loader writes dumped records into an empty store, keeping their ids, versions, times and sequence numbers.
type Loader interface {
	// Load writes a batch of records. Batches come in the order of a dump; a batch may mix kinds.
	Load(ctx context.Context, batch []Record) error
	// CountRecords counts the stored records by kind.
	CountRecords(ctx context.Context) (RecordCounts, error)
}
