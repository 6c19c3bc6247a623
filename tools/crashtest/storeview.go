package main

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"

	_ "modernc.org/sqlite" // the "sqlite" driver, as the embedded store uses
)

// storeView is what the crash test reads straight from the embedded store (read-only): the outbox, the
// notifications, the interests and the unfinished jobs. Its tables are those of store/sqlite/schema_v2.go.
type storeView struct {
	Outbox        map[string]outboxRow // by Message-ID
	Notifications []notificationRow
	Interests     map[string]bool
	Emails        map[string]string // account id → email
	PendingJobs   int
}

type outboxRow struct {
	Key, Recipient, MessageID, LastError string
	Sent                                 bool
}

type notificationRow struct {
	Key, Type, AccountID, ChallengeID string
}

// Unsent is the number of mails not yet recorded as sent.
func (v *storeView) Unsent() int {
	n := 0
	for _, r := range v.Outbox {
		if !r.Sent {
			n++
		}
	}
	return n
}

func readStore(ctx context.Context, data string) (*storeView, error) {
	db, err := sql.Open("sqlite", "file:"+filepath.Join(data, "innonet.db")+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	v := &storeView{Outbox: map[string]outboxRow{}, Interests: map[string]bool{}, Emails: map[string]string{}}
	err = query(ctx, db, "SELECT key, recipient, message_id, last_error, sent_at IS NOT NULL FROM outbox", func(rs *sql.Rows) error {
		var r outboxRow
		if err := rs.Scan(&r.Key, &r.Recipient, &r.MessageID, &r.LastError, &r.Sent); err != nil {
			return err
		}
		v.Outbox[r.MessageID] = r
		return nil
	})
	if err == nil {
		err = query(ctx, db, "SELECT key, type, account_id, challenge_id FROM notifications", func(rs *sql.Rows) error {
			var n notificationRow
			if err := rs.Scan(&n.Key, &n.Type, &n.AccountID, &n.ChallengeID); err != nil {
				return err
			}
			v.Notifications = append(v.Notifications, n)
			return nil
		})
	}
	if err == nil {
		err = query(ctx, db, "SELECT id FROM interests", func(rs *sql.Rows) error {
			var id string
			err := rs.Scan(&id)
			v.Interests[id] = true
			return err
		})
	}
	if err == nil {
		err = query(ctx, db, "SELECT id, email FROM accounts", func(rs *sql.Rows) error {
			var id, email string
			err := rs.Scan(&id, &email)
			v.Emails[id] = email
			return err
		})
	}
	if err == nil {
		err = db.QueryRowContext(ctx, "SELECT count(*) FROM jobs WHERE done_at IS NULL").Scan(&v.PendingJobs)
	}
	if err != nil {
		return nil, fmt.Errorf("reading the store: %w", err)
	}
	return v, nil
}

func query(ctx context.Context, db *sql.DB, q string, row func(*sql.Rows) error) error {
	rs, err := db.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rs.Close()
	for rs.Next() {
		if err := row(rs); err != nil {
			return err
		}
	}
	return rs.Err()
}
