package mongo

import (
	"log/slog"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo/writeconcern"
)

// Option configures Open.
type Option func(*config)

type config struct {
	database     string
	writeConcern *writeconcern.WriteConcern
	logger       *slog.Logger
	timeout      time.Duration
}

// WithDatabase names the database to use, overriding the path of the URI (whose default is "innonet").
func WithDatabase(name string) Option {
	return func(c *config) { c.database = name }
}

// WithWriteConcern sets the write concern of every write. Without it, the URI's "w" option is used if it has
// one, and majority otherwise, so that an acknowledged write survives the failover of a replica set.
func WithWriteConcern(wc *writeconcern.WriteConcern) Option {
	return func(c *config) { c.writeConcern = wc }
}

// WithLogger sets where the store reports what it tolerated at start-up (a server refusing a TTL index).
// The default is slog.Default().
func WithLogger(l *slog.Logger) Option {
	return func(c *config) { c.logger = l }
}

// WithConnectTimeout bounds how long Open waits for the server to answer; the default is 10 seconds.
func WithConnectTimeout(d time.Duration) Option {
	return func(c *config) { c.timeout = d }
}
