package mongo

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/hanoi-innovation/innonet/models"
)

// notificationIDPrefix prefixes the ids the store gives to notifications that have none.
const notificationIDPrefix = "nt"

// notificationCounter is the id of the counter document that numbers the notifications.
const notificationCounter = "notifications"

// maxNotificationLimit caps the limit of NotificationsAfter, NotificationsSince and DigestDue.
const maxNotificationLimit = 1000

// notificationDoc is a notification as stored. Key carries a unique index.
type notificationDoc struct {
	ID          string      `bson:"_id"`
	Seq         int64       `bson:"seq"`
	AccountID   string      `bson:"account_id"`
	Key         string      `bson:"key"`
	Type        string      `bson:"type"`
	ChallengeID string      `bson:"challenge_id"`
	MemberID    string      `bson:"member_id"`
	Title       string      `bson:"title"`
	Score       int         `bson:"score"`
	Reasons     []reasonDoc `bson:"reasons"`
	CreatedAt   time.Time   `bson:"created_at"`
	ReadAt      *time.Time  `bson:"read_at"`
}

type reasonDoc struct {
	Kind string `bson:"kind"`
	VI   string `bson:"vi"`
	EN   string `bson:"en"`
}

func toNotificationDoc(n *models.Notification, id string, seq int64) *notificationDoc {
	var reasons []reasonDoc
	for _, r := range n.Reasons {
		reasons = append(reasons, reasonDoc(r))
	}
	return &notificationDoc{
		ID:          id,
		Seq:         seq,
		AccountID:   n.AccountID,
		Key:         n.Key,
		Type:        string(n.Type),
		ChallengeID: n.ChallengeID,
		MemberID:    n.MemberID,
		Title:       n.Title,
		Score:       n.Score,
		Reasons:     reasons,
		CreatedAt:   storedTime(n.CreatedAt),
		ReadAt:      storedTimePtr(n.ReadAt),
	}
}

func (d *notificationDoc) toModel() *models.Notification {
	var reasons []models.Reason
	for _, r := range d.Reasons {
		reasons = append(reasons, models.Reason(r))
	}
	return &models.Notification{
		ID:          d.ID,
		Seq:         d.Seq,
		AccountID:   d.AccountID,
		Key:         d.Key,
		Type:        models.NotificationType(d.Type),
		ChallengeID: d.ChallengeID,
		MemberID:    d.MemberID,
		Title:       d.Title,
		Score:       d.Score,
		Reasons:     reasons,
		CreatedAt:   storedTime(d.CreatedAt),
		ReadAt:      storedTimePtr(d.ReadAt),
	}
}

// AddNotifications stores the notifications whose Key is new, giving them an id when they have none and a Seq,
// and returns them in the order given. A Key already stored, or earlier in ns, is skipped (and so is an id
// already taken).
//
// Seqs are taken from a counter before the insert, in the order of ns: they increase within a call and from
// one call to the next, but the inserts of concurrent calls can become visible out of Seq order, and the Seqs
// of skipped notifications are lost.
func (s *Store) AddNotifications(ctx context.Context, ns []*models.Notification) (_ []*models.Notification, err error) {
	defer models.Wrap(&err, "AddNotifications(%d notifications)", len(ns))
	fresh := firstOfEachKey(len(ns), func(i int) string { return ns[i].Key })
	if len(fresh) == 0 {
		return nil, nil
	}
	first, err := s.takeNumbers(ctx, notificationCounter, len(fresh))
	if err != nil {
		return nil, err
	}
	docs := make([]any, len(fresh))
	for k, i := range fresh {
		id := ns[i].ID
		if id == "" {
			id = models.NewID(notificationIDPrefix)
		}
		docs[k] = toNotificationDoc(ns[i], id, first+int64(k))
	}
	taken, err := insertNew(ctx, s.notes, docs)
	if err != nil {
		return nil, dbError("insert notifications", err)
	}
	var stored []*models.Notification
	for k, i := range fresh {
		if taken[k] {
			continue
		}
		n, d := ns[i], docs[k].(*notificationDoc)
		n.ID, n.Seq = d.ID, d.Seq
		roundTime(&n.CreatedAt)
		roundTimePtr(&n.ReadAt)
		stored = append(stored, n)
	}
	return stored, nil
}

// ListNotifications returns a page of an account's notifications, newest (highest Seq) first, and the total.
func (s *Store) ListNotifications(ctx context.Context, accountID string, page models.Page) (_ []*models.Notification, _ int, err error) {
	defer models.Wrap(&err, "ListNotifications(%q)", accountID)
	var docs []notificationDoc
	total, err := findPageSorted(ctx, s.notes, bson.D{{Key: "account_id", Value: accountID}},
		bson.D{{Key: "seq", Value: -1}}, page, &docs)
	if err != nil {
		return nil, 0, dbError("list notifications", err)
	}
	return notificationModels(docs), total, nil
}

// NotificationsAfter returns up to limit notifications of an account with Seq > after, by Seq. A limit below 1
// means 100; above 1000, 1000.
func (s *Store) NotificationsAfter(ctx context.Context, accountID string, after int64, limit int) ([]*models.Notification, error) {
	return s.findNotifications(ctx,
		bson.D{{Key: "account_id", Value: accountID}, {Key: "seq", Value: bson.D{{Key: "$gt", Value: after}}}},
		bson.D{{Key: "seq", Value: 1}}, limit)
}

// NotificationsSince returns up to limit notifications of an account created at or after since, oldest first
// (then by Seq). A limit below 1 means 100; above 1000, 1000.
func (s *Store) NotificationsSince(ctx context.Context, accountID string, since time.Time, limit int) ([]*models.Notification, error) {
	return s.findNotifications(ctx,
		bson.D{{Key: "account_id", Value: accountID}, {Key: "created_at", Value: bson.D{{Key: "$gte", Value: storedTime(since)}}}},
		bson.D{{Key: "created_at", Value: 1}, {Key: "seq", Value: 1}}, limit)
}

func (s *Store) findNotifications(ctx context.Context, filter, sort bson.D, limit int) ([]*models.Notification, error) {
	cur, err := s.notes.Find(ctx, filter, options.Find().SetSort(sort).SetLimit(int64(boundLimit(limit))))
	if err != nil {
		return nil, dbError("find notifications", err)
	}
	var docs []notificationDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, dbError("find notifications", err)
	}
	return notificationModels(docs), nil
}

// boundLimit returns the limit of a query: 100 below 1, at most maxNotificationLimit.
func boundLimit(limit int) int {
	switch {
	case limit < 1:
		return models.MaxPerPage
	case limit > maxNotificationLimit:
		return maxNotificationLimit
	}
	return limit
}

func notificationModels(docs []notificationDoc) []*models.Notification {
	out := make([]*models.Notification, len(docs))
	for i := range docs {
		out[i] = docs[i].toModel()
	}
	return out
}

// UnreadCount counts an account's unread notifications.
func (s *Store) UnreadCount(ctx context.Context, accountID string) (int, error) {
	n, err := s.notes.CountDocuments(ctx, bson.D{{Key: "account_id", Value: accountID}, {Key: "read_at", Value: nil}})
	if err != nil {
		return 0, dbError("count unread notifications", err)
	}
	return int(n), nil
}

// CountNotifications counts the notifications of a type, all accounts together.
func (s *Store) CountNotifications(ctx context.Context, typ models.NotificationType) (int, error) {
	n, err := s.notes.CountDocuments(ctx, bson.D{{Key: "type", Value: string(typ)}})
	if err != nil {
		return 0, dbError("count notifications", err)
	}
	return int(n), nil
}

// MarkRead marks the account's unread notifications with these ids read at now; no ids marks them all. Ids of
// other accounts' notifications, or of none, are ignored.
func (s *Store) MarkRead(ctx context.Context, accountID string, ids []string, now time.Time) error {
	filter := bson.D{{Key: "account_id", Value: accountID}, {Key: "read_at", Value: nil}}
	if len(ids) > 0 {
		filter = append(filter, bson.E{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}})
	}
	_, err := s.notes.UpdateMany(ctx, filter, bson.D{{Key: "$set", Value: bson.D{{Key: "read_at", Value: storedTime(now)}}}})
	if err != nil {
		return dbError("mark notifications read", err)
	}
	return nil
}
