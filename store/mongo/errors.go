package mongo

import (
	"fmt"

	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/hanoi-innovation/innonet/models"
)

// notFound is the error for a missing (or deleted) object; what names its kind ("member").
func notFound(what string) error {
	return &models.Error{Code: models.CodeNotFound, Message: what + " not found"}
}

// staleVersion is the error for a conditional write whose version no longer matches.
func staleVersion(what string) error {
	return &models.Error{Code: models.CodeConflict,
		Message: "the " + what + " was changed in the meantime: reload it and try again"}
}

// duplicate is the error for a write refused by a unique index; pointer names the field at fault.
func duplicate(what, pointer, detail string) error {
	return &models.Error{Code: models.CodeConflict, Message: "a " + what + " with this " + detail + " already exists",
		Fields: []models.FieldError{{Pointer: pointer, Detail: "is already taken"}}}
}

// dbError classifies an error of the driver: a timeout or a lost connection makes the store unavailable,
// anything else is internal. op names the operation for the logs.
func dbError(op string, err error) error {
	if mongo.IsTimeout(err) || mongo.IsNetworkError(err) {
		return &models.Error{Code: models.CodeUnavailable, Message: "the database does not answer",
			Err: fmt.Errorf("mongo: %s: %w", op, err)}
	}
	return fmt.Errorf("mongo: %s: %w", op, err)
}
