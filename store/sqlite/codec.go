package sqlite

import (
	"database/sql"
	"encoding/json"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// ms returns t as stored: milliseconds since the Unix epoch.
func ms(t time.Time) int64 { return t.UnixMilli() }

// msPtr returns an optional time as stored: NULL when absent.
func msPtr(t *time.Time) sql.NullInt64 {
	if t == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMilli(), Valid: true}
}

// fromMS returns a stored time, in UTC.
func fromMS(v int64) time.Time { return time.UnixMilli(v).UTC() }

// fromMSPtr returns a stored optional time.
func fromMSPtr(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := fromMS(v.Int64)
	return &t
}

// stored returns t as it reads back from the store: in UTC, to the millisecond.
func stored(t time.Time) time.Time { return fromMS(ms(t)) }

func storedPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	s := stored(*t)
	return &s
}

// memberDoc encodes a member as its JSON document, times as they are stored. The version lives in its column.
func memberDoc(m *models.Member) ([]byte, error) {
	c := *m
	c.CreatedAt, c.UpdatedAt, c.PublishedAt = stored(c.CreatedAt), stored(c.UpdatedAt), storedPtr(c.PublishedAt)
	if !c.RematchAt.IsZero() {
		c.RematchAt = stored(c.RematchAt)
	}
	c.Version = 0
	return json.Marshal(&c)
}

// challengeDoc encodes a challenge as its JSON document, times as they are stored.
func challengeDoc(ch *models.Challenge) ([]byte, error) {
	c := *ch
	c.CreatedAt, c.UpdatedAt = stored(c.CreatedAt), stored(c.UpdatedAt)
	c.PublishedAt, c.ClosedAt = storedPtr(c.PublishedAt), storedPtr(c.ClosedAt)
	c.Version = 0
	return json.Marshal(&c)
}

func decodeMember(doc []byte, version int64) (*models.Member, error) {
	var m models.Member
	if err := json.Unmarshal(doc, &m); err != nil {
		return nil, err
	}
	m.Version = version
	return &m, nil
}

func decodeChallenge(doc []byte, version int64) (*models.Challenge, error) {
	var c models.Challenge
	if err := json.Unmarshal(doc, &c); err != nil {
		return nil, err
	}
	c.Version = version
	return &c, nil
}
