package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// notificationIDPrefix prefixes the ids the store gives to notifications that have none.
const notificationIDPrefix = "nt"

const notificationColumns = "seq, id, account_id, key, type, challenge_id, member_id, title, score, reasons, created_at, read_at"

// notificationRow receives a row of notificationColumns.
type notificationRow struct {
	n       models.Notification
	reasons []byte
	created int64
	read    sql.NullInt64
}

func (r *notificationRow) dest() []any {
	return []any{&r.n.Seq, &r.n.ID, &r.n.AccountID, &r.n.Key, &r.n.Type, &r.n.ChallengeID, &r.n.MemberID, &r.n.Title,
		&r.n.Score, &r.reasons, &r.created, &r.read}
}

func (r *notificationRow) model() (*models.Notification, error) {
	n := r.n
	if err := json.Unmarshal(r.reasons, &n.Reasons); err != nil {
		return nil, fmt.Errorf("reasons of notification %s: %w", n.ID, err)
	}
	n.CreatedAt, n.ReadAt = fromMS(r.created), fromMSPtr(r.read)
	return &n, nil
}

// AddNotifications stores, in one transaction, the notifications whose Key is new, giving them an id when they
// have none and the next Seq, and returns them in the order given. A Key already stored, or earlier in ns, is
// skipped, and so is an id already taken. Seq follows the order of commits, so a reader that saw a Seq never
// later sees a smaller one appear.
func (s *Store) AddNotifications(ctx context.Context, ns []*models.Notification) (stored []*models.Notification, err error) {
	defer models.Wrap(&err, "sqlite.AddNotifications(%d notifications)", len(ns))
	if len(ns) == 0 {
		return nil, nil
	}
	seqs := make([]int64, len(ns))
	ids := make([]string, len(ns))
	err = s.write(ctx, func(t *txn) error {
		for i, n := range ns {
			ids[i] = n.ID
			if ids[i] == "" {
				ids[i] = models.NewID(notificationIDPrefix)
			}
			reasons, err := json.Marshal(n.Reasons)
			if err != nil {
				return err
			}
			err = t.row("INSERT INTO notifications (id, account_id, key, type, challenge_id, member_id, title, score, "+
				"reasons, created_at, read_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING seq",
				[]any{ids[i], n.AccountID, n.Key, string(n.Type), n.ChallengeID, n.MemberID, n.Title, n.Score, string(reasons),
					ms(n.CreatedAt), msPtr(n.ReadAt)}, &seqs[i])
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, n := range ns {
		if seqs[i] > 0 {
			n.ID, n.Seq = ids[i], seqs[i]
			stored = append(stored, n)
		}
	}
	return stored, nil
}

// ListNotifications returns a page of an account's notifications, newest (highest Seq) first, and the total.
func (s *Store) ListNotifications(ctx context.Context, accountID string, page models.Page) (out []*models.Notification, total int, err error) {
	defer models.Wrap(&err, "sqlite.ListNotifications(%q)", accountID)
	page = page.Normalized()
	err = s.read(ctx, func(t *txn) error {
		if err := t.row("SELECT COUNT(*) FROM notifications WHERE account_id = ?", []any{accountID}, &total); err != nil {
			return err
		}
		out, err = t.notifications("account_id = ? ORDER BY seq DESC LIMIT ? OFFSET ?", accountID, page.PerPage, page.Offset())
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// NotificationsAfter returns up to limit notifications of an account with Seq > after, by Seq. A limit below 1
// means 100; above 1000, 1000.
func (s *Store) NotificationsAfter(ctx context.Context, accountID string, after int64, limit int) (out []*models.Notification, err error) {
	defer models.Wrap(&err, "sqlite.NotificationsAfter(%q, %d)", accountID, after)
	err = s.read(ctx, func(t *txn) error {
		out, err = t.notifications("account_id = ? AND seq > ? ORDER BY seq LIMIT ?", accountID, after, boundLimit(limit))
		return err
	})
	return out, err
}

// NotificationsSince returns up to limit notifications of an account created at or after since, oldest first
// (then by Seq). A limit below 1 means 100; above 1000, 1000.
func (s *Store) NotificationsSince(ctx context.Context, accountID string, since time.Time, limit int) (out []*models.Notification, err error) {
	defer models.Wrap(&err, "sqlite.NotificationsSince(%q)", accountID)
	err = s.read(ctx, func(t *txn) error {
		out, err = t.notifications("account_id = ? AND created_at >= ? ORDER BY created_at, seq LIMIT ?",
			accountID, ms(since), boundLimit(limit))
		return err
	})
	return out, err
}

// notifications reads the notifications that the rest of a query selects and orders.
func (t *txn) notifications(rest string, args ...any) (out []*models.Notification, err error) {
	err = t.each("SELECT "+notificationColumns+" FROM notifications WHERE "+rest, args, func(rows *sql.Rows) error {
		var r notificationRow
		if err := rows.Scan(r.dest()...); err != nil {
			return err
		}
		n, err := r.model()
		out = append(out, n)
		return err
	})
	return out, err
}

// UnreadCount counts an account's unread notifications.
func (s *Store) UnreadCount(ctx context.Context, accountID string) (n int, err error) {
	defer models.Wrap(&err, "sqlite.UnreadCount(%q)", accountID)
	err = s.read(ctx, func(t *txn) error {
		return t.row("SELECT COUNT(*) FROM notifications WHERE account_id = ? AND read_at IS NULL", []any{accountID}, &n)
	})
	return n, err
}

// CountNotifications counts the notifications of a type, all accounts together.
func (s *Store) CountNotifications(ctx context.Context, typ models.NotificationType) (n int, err error) {
	defer models.Wrap(&err, "sqlite.CountNotifications(%q)", typ)
	err = s.read(ctx, func(t *txn) error {
		return t.row("SELECT COUNT(*) FROM notifications WHERE type = ?", []any{string(typ)}, &n)
	})
	return n, err
}

// MarkRead marks the account's unread notifications with these ids read at now; no ids marks them all. Ids of
// other accounts' notifications, or of none, are ignored.
func (s *Store) MarkRead(ctx context.Context, accountID string, ids []string, now time.Time) (err error) {
	defer models.Wrap(&err, "sqlite.MarkRead(%q, %d ids)", accountID, len(ids))
	query := "UPDATE notifications SET read_at = ? WHERE account_id = ? AND read_at IS NULL"
	args := []any{ms(now), accountID}
	if len(ids) > 0 {
		query += " AND id IN (?" + strings.Repeat(", ?", len(ids)-1) + ")"
		for _, id := range ids {
			args = append(args, id)
		}
	}
	return s.write(ctx, func(t *txn) error {
		_, err := t.exec(query, args...)
		return err
	})
}
