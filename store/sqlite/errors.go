package sqlite

import (
	"database/sql"
	"errors"

	"github.com/hanoi-innovation/innonet/models"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// dbError maps what the driver reports to innonet's errors: a duplicate key or a reference to nothing is a
// conflict, no row is not found, a lock held too long is unavailable. Other errors stay internal.
func dbError(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return &models.Error{Code: models.CodeNotFound, Message: "not found", Err: err}
	}
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return err
	}
	switch e.Code() {
	case sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY, sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return &models.Error{Code: models.CodeConflict, Message: "it conflicts with what is stored", Err: err}
	}
	switch e.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return &models.Error{Code: models.CodeUnavailable, Message: "the database is busy", Err: err}
	}
	return err
}

// notFound is the error for a missing entity.
func notFound(what string) error {
	return models.Errorf(models.CodeNotFound, "%s not found", what)
}

// conflict is the error for a duplicate, naming the field at fault.
func conflict(pointer, message string) error {
	return &models.Error{Code: models.CodeConflict, Message: message,
		Fields: []models.FieldError{{Pointer: pointer, Detail: message}}}
}

// staleVersion is the error for an update from a version that is no longer the stored one.
func staleVersion(what string) error {
	return models.Errorf(models.CodeConflict, "the %s was changed by someone else; reload it and try again", what)
}
