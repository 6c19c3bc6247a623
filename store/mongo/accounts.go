package mongo

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/hanoi-innovation/innonet/models"
)

// undoTimeout bounds the compensating delete of a failed registration.
const undoTimeout = 10 * time.Second

// Register creates the account, then its member profile. If the profile cannot be created the account is
// deleted again, so that a failed registration leaves no account without its profile. (MongoDB offers
// transactions only on replica sets, and FerretDB not at all: a compensating delete works everywhere.)
func (s *Store) Register(ctx context.Context, a *models.Account, m *models.Member) (err error) {
	defer models.Wrap(&err, "Register(%q)", a.ID)
	if err := s.CreateAccount(ctx, a); err != nil {
		return err
	}
	if err := s.CreateMember(ctx, m); err != nil {
		// Undo even when ctx was cancelled: an orphan account would hold the email forever.
		uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), undoTimeout)
		defer cancel()
		if _, derr := s.accounts.DeleteOne(uctx, byID(a.ID)); derr != nil {
			return errors.Join(err, dbError("undo account", derr))
		}
		a.Version = 0
		return err
	}
	return nil
}

// CreateAccount inserts a at version 1, giving it an id if it has none. The email is stored lower-cased (and
// so set on a); an email already registered, in any case, is a CodeConflict error with the pointer /email.
func (s *Store) CreateAccount(ctx context.Context, a *models.Account) (err error) {
	defer models.Wrap(&err, "CreateAccount(%q)", a.ID)
	if a.ID == "" {
		a.ID = models.NewID(accountIDPrefix)
	}
	storedAccount(a)
	d := toAccountDoc(a)
	d.Version = 1
	_, err = s.accounts.InsertOne(ctx, d)
	switch {
	case err == nil:
		a.Version = 1
		return nil
	case !mongo.IsDuplicateKeyError(err):
		return dbError("insert account", err)
	}
	// Which unique key was hit? Error messages differ between servers; ask the data.
	taken, ferr := s.accounts.CountDocuments(ctx, bson.D{{Key: "email", Value: d.Email}}, options.Count().SetLimit(1))
	if ferr == nil && taken == 0 {
		return duplicate("account", "/id", "id")
	}
	return duplicate("account", "/email", "email")
}

// Account returns the account with the id.
func (s *Store) Account(ctx context.Context, id string) (*models.Account, error) {
	return s.findAccount(ctx, byID(id))
}

// AccountByEmail returns the account registered with the email, compared case-insensitively.
func (s *Store) AccountByEmail(ctx context.Context, email string) (*models.Account, error) {
	return s.findAccount(ctx, bson.D{{Key: "email", Value: models.NormalizeEmail(email)}})
}

func (s *Store) findAccount(ctx context.Context, filter bson.D) (*models.Account, error) {
	var d accountDoc
	err := s.accounts.FindOne(ctx, filter).Decode(&d)
	switch {
	case errors.Is(err, mongo.ErrNoDocuments):
		return nil, notFound("account")
	case err != nil:
		return nil, dbError("find account", err)
	}
	return d.toModel(), nil
}

// UpdateAccount replaces the account if its stored version is still a.Version, then increments a.Version.
// An email taken by another account is a CodeConflict error with the pointer /email.
func (s *Store) UpdateAccount(ctx context.Context, a *models.Account) (err error) {
	defer models.Wrap(&err, "UpdateAccount(%q)", a.ID)
	storedAccount(a)
	d := toAccountDoc(a)
	d.Version = a.Version + 1
	res, err := s.accounts.ReplaceOne(ctx, bson.D{{Key: "_id", Value: a.ID}, {Key: "version", Value: a.Version}}, d)
	switch {
	case err != nil && (mongo.IsDuplicateKeyError(err) || s.emailTakenByOther(ctx, d.Email, a.ID)):
		return duplicate("account", "/email", "email")
	case err != nil:
		return dbError("update account", err)
	case res.MatchedCount == 0:
		if _, ferr := s.Account(ctx, a.ID); ferr != nil {
			return ferr
		}
		return staleVersion("account")
	}
	a.Version = d.Version
	return nil
}

// emailTakenByOther reports whether an account other than id has the (normalized) email. It explains failed
// writes on servers whose unique-index errors are not duplicate-key errors (FerretDB v1 on updates).
func (s *Store) emailTakenByOther(ctx context.Context, email, id string) bool {
	n, err := s.accounts.CountDocuments(ctx, bson.D{{Key: "email", Value: email},
		{Key: "_id", Value: bson.D{{Key: "$ne", Value: id}}}}, options.Count().SetLimit(1))
	return err == nil && n > 0
}
