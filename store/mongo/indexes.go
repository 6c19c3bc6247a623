package mongo

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// tokenRetention is how long a refresh token is kept after it expires before the TTL index purges it.
const tokenRetention = 7 * 24 * time.Hour

// index describes one index of a collection.
type index struct {
	name   string
	keys   bson.D
	unique bool
	sparse bool          // leave out the documents that lack the key: a unique index then allows many of them
	ttl    time.Duration // expire documents this long after the date in the only key; 0: not a TTL index
}

func (ix index) model() mongo.IndexModel {
	o := options.Index().SetName(ix.name)
	if ix.unique {
		o.SetUnique(true)
	}
	if ix.sparse {
		o.SetSparse(true)
	}
	if ix.ttl > 0 {
		o.SetExpireAfterSeconds(int32(ix.ttl / time.Second))
	}
	return mongo.IndexModel{Keys: ix.keys, Options: o}
}

// keys builds an index key document from field names; a leading "-" sorts the field descending.
func keys(fields ...string) bson.D {
	d := make(bson.D, len(fields))
	for i, f := range fields {
		if f[0] == '-' {
			d[i] = bson.E{Key: f[1:], Value: -1}
		} else {
			d[i] = bson.E{Key: f, Value: 1}
		}
	}
	return d
}

// indexes lists the indexes of each collection, by the collection's name.
func indexes() map[string][]index {
	return map[string][]index{
		collAccounts: {
			{name: "email_unique", keys: keys("email"), unique: true},
		},
		collMembers: {
			{name: "seq", keys: keys("seq")},
			{name: "recent", keys: keys("deleted", "-updated_at", "_id")},
			{name: "kind_status_recent", keys: keys("kind", "status", "-updated_at")},
			{name: "sector_recent", keys: keys("sectors", "-updated_at")},
		},
		collChallenges: {
			{name: "seq", keys: keys("seq")},
			{name: "status_recent", keys: keys("status", "-updated_at")},
			{name: "posted_by_recent", keys: keys("posted_by", "-updated_at")},
		},
		collTokens: {
			{name: "hash_unique", keys: keys("hash"), unique: true},
			{name: "family", keys: keys("family_id")},
			{name: "account", keys: keys("account_id")},
			{name: "expiry_ttl", keys: keys("expires_at"), ttl: tokenRetention},
		},
		collOneTime: {
			{name: "hash_unique", keys: keys("hash"), unique: true},
			{name: "expiry_ttl", keys: keys("expires_at"), ttl: tokenRetention},
		},
		collClaims: {
			{name: "status_recent", keys: keys("status", "-created_at", "_id")},
			{name: "recent", keys: keys("-created_at", "_id")},
		},
		collInterests: {
			{name: "challenge_member_unique", keys: keys("challenge_id", "member_id"), unique: true},
			{name: "challenge_recent", keys: keys("challenge_id", "-created_at", "_id")},
			{name: "member_recent", keys: keys("member_id", "-created_at", "_id")},
		},
		collNotes: {
			{name: "key_unique", keys: keys("key"), unique: true},
			{name: "account_seq", keys: keys("account_id", "seq")},
			{name: "account_created", keys: keys("account_id", "created_at", "seq")},
		},
		collPrefs: {
			{name: "token_unique", keys: keys("unsubscribe_token"), unique: true, sparse: true},
			{name: "digest", keys: keys("email", "last_digest_at")},
		},
		collOutbox: {
			{name: "key_unique", keys: keys("key"), unique: true},
			{name: "due", keys: keys("sent_at", "next_attempt_at", "created_at")},
			{name: "account", keys: keys("account_id")},
			{name: "recipient", keys: keys("to")},
		},
		collJobs: {
			{name: "due", keys: keys("done_at", "created_at")},
		},
		collQuestions: {
			{name: "challenge_oldest", keys: keys("challenge_id", "created_at", "_id")},
			{name: "challenge_asker", keys: keys("challenge_id", "asker_account_id", "answered")},
		},
		collAttach: {
			{name: "challenge_oldest", keys: keys("challenge_id", "created_at", "_id")},
		},
		collAudit: {
			{name: "seq", keys: keys("-seq")},
			{name: "actor_seq", keys: keys("actor", "-seq")},
			{name: "action_seq", keys: keys("action", "-seq")},
			{name: "target_seq", keys: keys("target_id", "-seq")},
		},
		collConsents: {
			{name: "account_given", keys: keys("account_id", "given_at")},
		},
	}
}

// ensureIndexes creates, by name, the indexes that are not there yet; it runs at every start. (Asking
// again for existing indexes is a no-op on MongoDB, but makes FerretDB v1 panic and drop the connection.)
// A server that refuses a TTL index (FerretDB v1) is tolerated, with a warning: expired tokens then stay.
func (s *Store) ensureIndexes(ctx context.Context, log *slog.Logger) error {
	for collName, want := range indexes() {
		coll := s.db.Collection(collName)
		have, err := indexNames(ctx, coll)
		if err != nil {
			return err
		}
		var plain []mongo.IndexModel
		for _, ix := range want {
			switch {
			case have[ix.name]:
			case ix.ttl > 0:
				// Alone, so that a refusal does not stop the others.
				if _, err := coll.Indexes().CreateOne(ctx, ix.model()); err != nil {
					var cmdErr mongo.CommandError
					if !errors.As(err, &cmdErr) {
						return dbError("create index "+ix.name, err)
					}
					log.Warn("mongo: the server refused a TTL index; expired documents will not be purged",
						"collection", collName, "index", ix.name, "err", cmdErr.Message)
				}
			default:
				plain = append(plain, ix.model())
			}
		}
		if len(plain) == 0 {
			continue
		}
		if _, err := coll.Indexes().CreateMany(ctx, plain); err != nil {
			return dbError("create indexes of "+collName, err)
		}
	}
	return nil
}

// indexNames returns the names of the indexes a collection has.
func indexNames(ctx context.Context, coll *mongo.Collection) (map[string]bool, error) {
	specs, err := coll.Indexes().ListSpecifications(ctx)
	if err != nil {
		return nil, dbError("list indexes of "+coll.Name(), err)
	}
	have := make(map[string]bool, len(specs))
	for _, s := range specs {
		have[s.Name] = true
	}
	return have, nil
}
