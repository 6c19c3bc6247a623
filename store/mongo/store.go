// Package mongo implements models.Store on MongoDB with the official Go driver (v2): the production store of
// innonet, for replica sets, sharded clusters and Atlas.
//
// Documents are plain structs private to this package, converted to and from the models types. Every write to
// a member or a challenge takes a number from a counter (a change sequence) and stores it on the document, and
// a deleted member leaves a tombstone, so that the search index can follow the store with Changes. Updates are
// conditional on the version the caller read (optimistic concurrency).
//
// Times are stored as BSON dates, with millisecond precision, in UTC: the writes round the times of the object
// they are given the same way, so that it equals what a later read returns.
//
// Without transactions, a job written with an update is inserted pending and confirmed after the update (see
// writeWithJob); mails and jobs are claimed one document at a time with findAndModify, which MongoDB makes
// atomic per document.
//
// The adapter also runs against FerretDB v1 (see tools/ferrettest), which is correct for one client at a time:
// connect to it with maxPoolSize=1 in the URI. It refuses TTL indexes, which Open tolerates.
package mongo

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/mongo/readpref"
	"go.mongodb.org/mongo-driver/v2/mongo/writeconcern"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/connstring"

	"github.com/hanoi-innovation/innonet/models"
)

// DefaultDatabase is the database used when neither the URI nor WithDatabase names one.
const DefaultDatabase = "innonet"

// Collection names.
const (
	collAccounts   = "accounts"
	collMembers    = "members"
	collChallenges = "challenges"
	collTokens     = "refresh_tokens"
	collCounters   = "counters"
	collInterests  = "interests"
	collNotes      = "notifications"
	collPrefs      = "preferences"
	collOutbox     = "outbox"
	collJobs       = "jobs"
	collQuestions  = "questions"
	collAttach     = "attachments"
	collOneTime    = "one_time_tokens"
	collClaims     = "claim_requests"
	collAudit      = "audit_log"
	collConsents   = "consents"
)

// Store is the MongoDB implementation of models.Store. It is safe for concurrent use.
type Store struct {
	client      *mongo.Client
	db          *mongo.Database
	accounts    *mongo.Collection
	members     *mongo.Collection
	challenges  *mongo.Collection
	tokens      *mongo.Collection
	counters    *mongo.Collection
	interests   *mongo.Collection
	notes       *mongo.Collection
	prefs       *mongo.Collection
	outbox      *mongo.Collection
	jobs        *mongo.Collection
	questions   *mongo.Collection
	attachments *mongo.Collection
	audit       *mongo.Collection
	consents    *mongo.Collection
}

var _ models.Store = (*Store)(nil)

// Open connects to the server at uri (a mongodb:// or mongodb+srv:// URI), checks that it answers and creates
// the indexes the store needs. The database is the path of the URI, DefaultDatabase if it has none, or the
// one named with WithDatabase.
func Open(ctx context.Context, uri string, opts ...Option) (*Store, error) {
	cfg := config{timeout: 10 * time.Second, logger: slog.Default()}
	for _, o := range opts {
		o(&cfg)
	}
	cs, err := connstring.ParseAndValidate(uri)
	if err != nil {
		// The driver's message may quote the URI, and with it a password: keep it out.
		return nil, errors.New("mongo: the URI is not a valid MongoDB connection string")
	}
	if cfg.database == "" {
		cfg.database = cs.Database
	}
	if cfg.database == "" {
		cfg.database = DefaultDatabase
	}

	co := options.Client().ApplyURI(uri)
	switch {
	case cfg.writeConcern != nil:
		co.SetWriteConcern(cfg.writeConcern)
	case co.WriteConcern == nil:
		co.SetWriteConcern(writeconcern.Majority())
	}
	if co.ServerSelectionTimeout == nil {
		co.SetServerSelectionTimeout(cfg.timeout)
	}
	client, err := mongo.Connect(co)
	if err != nil {
		return nil, fmt.Errorf("mongo: connect: %w", err)
	}

	s := newStore(client, cfg.database)
	pctx, cancel := context.WithTimeout(ctx, cfg.timeout)
	defer cancel()
	if err := s.Ping(pctx); err != nil {
		_ = client.Disconnect(context.WithoutCancel(ctx))
		return nil, err
	}
	if err := s.ensureIndexes(ctx, cfg.logger); err != nil {
		_ = client.Disconnect(context.WithoutCancel(ctx))
		return nil, err
	}
	return s, nil
}

func newStore(client *mongo.Client, database string) *Store {
	db := client.Database(database)
	return &Store{
		client:      client,
		db:          db,
		accounts:    db.Collection(collAccounts),
		members:     db.Collection(collMembers),
		challenges:  db.Collection(collChallenges),
		tokens:      db.Collection(collTokens),
		counters:    db.Collection(collCounters),
		interests:   db.Collection(collInterests),
		notes:       db.Collection(collNotes),
		prefs:       db.Collection(collPrefs),
		outbox:      db.Collection(collOutbox),
		jobs:        db.Collection(collJobs),
		questions:   db.Collection(collQuestions),
		attachments: db.Collection(collAttach),
		audit:       db.Collection(collAudit),
		consents:    db.Collection(collConsents),
	}
}

// Ping reports whether the primary answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.client.Ping(ctx, readpref.Primary()); err != nil {
		return &models.Error{Code: models.CodeUnavailable, Message: "the database does not answer", Err: err}
	}
	return nil
}

// Drop deletes the store's database with everything in it. Tests use it to clean up.
func (s *Store) Drop(ctx context.Context) error {
	return s.db.Drop(ctx)
}

// Database is the name of the database the store uses.
func (s *Store) Database() string { return s.db.Name() }

// Close disconnects from the server, waiting up to ten seconds for operations in flight.
func (s *Store) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return s.client.Disconnect(ctx)
}
