package mongo

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/hanoi-innovation/innonet/models"
)

// Load inserts a batch of dumped records as they were: ids, versions, times, change and notification
// sequence numbers. The counters are raised to the highest number loaded, so that new writes continue the
// sequences. The store should be empty: a record whose id is taken fails the batch.
func (s *Store) Load(ctx context.Context, batch []models.Record) (err error) {
	defer models.Wrap(&err, "mongo.Load(%d records)", len(batch))
	docs := map[*mongo.Collection][]any{}
	var order []*mongo.Collection
	last := map[string]int64{}
	for _, r := range batch {
		coll, doc, err := s.loadDoc(r, last)
		if err != nil {
			return err
		}
		if doc == nil {
			continue
		}
		if _, ok := docs[coll]; !ok {
			order = append(order, coll)
		}
		docs[coll] = append(docs[coll], doc)
	}
	for _, coll := range order {
		if _, err := coll.InsertMany(ctx, docs[coll]); err != nil {
			return dbError("load "+coll.Name(), err)
		}
	}
	for name, seq := range last {
		if err := s.raiseCounter(ctx, name, seq); err != nil {
			return err
		}
	}
	return nil
}

// loadDoc returns the collection and the document of a record, and notes in last the highest number of each
// counter it carries. A sequence record has no document.
func (s *Store) loadDoc(r models.Record, last map[string]int64) (*mongo.Collection, any, error) {
	note := func(counter string, seq int64) { last[counter] = max(last[counter], seq) }
	switch r.Kind {
	case models.RecordAccount:
		return s.accounts, toAccountDoc(r.Account), nil
	case models.RecordMember:
		note(changeCounter, r.Seq)
		return s.members, toMemberDoc(r.Member, r.Seq), nil
	case models.RecordChallenge:
		note(changeCounter, r.Seq)
		return s.challenges, toChallengeDoc(r.Challenge, r.Seq), nil
	case models.RecordTombstone:
		note(changeCounter, r.Seq)
		if r.Tombstone.Type == models.EntityChallenge {
			return s.challenges, &challengeDoc{ID: r.Tombstone.ID, Deleted: true, Seq: r.Seq}, nil
		}
		return s.members, memberTombstone(r.Tombstone.ID, 0, r.Seq), nil
	case models.RecordRefreshToken:
		return s.tokens, toTokenDoc(r.RefreshToken), nil
	case models.RecordOneTimeToken:
		return s.oneTime(), toOneTimeDoc(r.OneTimeToken), nil
	case models.RecordClaimRequest:
		return s.claims(), toClaimDoc(r.ClaimRequest), nil
	case models.RecordConsent:
		return s.consents, toConsentDoc(r.Consent), nil
	case models.RecordInterest:
		return s.interests, toInterestDoc(r.Interest), nil
	case models.RecordQuestion:
		return s.questions, toQuestionDoc(r.Question), nil
	case models.RecordAttachment:
		return s.attachments, toAttachmentDoc(r.Attachment), nil
	case models.RecordNotification:
		note(notificationCounter, r.Notification.Seq)
		return s.notes, toNotificationDoc(r.Notification, r.Notification.ID, r.Notification.Seq), nil
	case models.RecordPreferences:
		return s.prefs, toPreferencesDoc(r.Preferences, r.Preferences.Version), nil
	case models.RecordMail:
		return s.outbox, toMailDoc(r.Mail), nil
	case models.RecordJob:
		return s.jobs, toJobDoc(r.Job, r.Job.ID), nil
	case models.RecordAudit:
		note(auditCounter, r.Audit.Seq)
		return s.audit, toAuditDoc(r.Audit, r.Audit.Seq), nil
	case models.RecordSequence:
		switch r.Sequence.Name {
		case models.SequenceChanges:
			note(changeCounter, r.Sequence.Last)
		case models.SequenceNotifications:
			note(notificationCounter, r.Sequence.Last)
		case models.SequenceAudit:
			note(auditCounter, r.Sequence.Last)
		default:
			return nil, nil, fmt.Errorf("unknown sequence %q", r.Sequence.Name)
		}
		return nil, nil, nil
	}
	return nil, nil, fmt.Errorf("this store does not know records of kind %q", r.Kind)
}

// raiseCounter sets the named counter to at least seq.
func (s *Store) raiseCounter(ctx context.Context, name string, seq int64) error {
	_, err := s.counters.UpdateOne(ctx, byID(name), bson.D{{Key: "$max", Value: bson.D{{Key: "seq", Value: seq}}}},
		options.UpdateOne().SetUpsert(true))
	if err != nil {
		return dbError("raise counter "+name, err)
	}
	return nil
}
