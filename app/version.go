package app

import (
	"strconv"
	"strings"

	"github.com/hanoi-innovation/innonet/models"
)

// Expected names the version an update started from, taken from If-Match or from the body.
type Expected struct {
	Version int64
	// IfMatch says the version came from an If-Match header: a stale one is a failed precondition (412)
	// rather than a conflict (409).
	IfMatch bool
	// Any is If-Match: *, which matches whatever version is stored.
	Any bool
	// Missing says the caller named no version: the update is refused once authorization has passed.
	Missing bool
}

// ExpectedFrom builds the expectation from an If-Match header value and a body version; If-Match wins.
// It fails when the header is not an ETag this server issued.
func ExpectedFrom(ifMatch *string, bodyVersion *int64) (Expected, error) {
	if ifMatch != nil && strings.TrimSpace(*ifMatch) != "" {
		v := strings.TrimSpace(*ifMatch)
		if v == "*" {
			return Expected{Any: true, IfMatch: true}, nil
		}
		n, err := strconv.ParseInt(strings.Trim(strings.TrimPrefix(v, "W/"), `"`), 10, 64)
		if err != nil {
			return Expected{}, models.Invalid(models.FieldError{Pointer: "If-Match", Detail: "is not an ETag of this resource"})
		}
		return Expected{Version: n, IfMatch: true}, nil
	}
	if bodyVersion != nil {
		return Expected{Version: *bodyVersion}, nil
	}
	return Expected{Missing: true}, nil
}

// ETag returns the entity tag of a version.
func ETag(version int64) string { return `"` + strconv.FormatInt(version, 10) + `"` }

// check compares the expectation with the stored version.
func (e Expected) check(stored int64) error {
	if e.Missing {
		return models.Invalid(models.FieldError{Pointer: "/version",
			Detail: "is required: send the version you started from, or the ETag as If-Match"})
	}
	if e.Any || e.Version == stored {
		return nil
	}
	return e.stale()
}

func (e Expected) stale() error {
	if e.IfMatch {
		return models.Errorf(models.CodePreconditionFailed, "the resource changed since you read it (If-Match does not match); reload and retry")
	}
	return &models.Error{Code: models.CodeConflict, Message: "the resource changed since you read it; reload and retry",
		Fields: []models.FieldError{{Pointer: "/version", Detail: "is not the current version"}}}
}

// storeStale turns a store's version conflict into the caller's kind of staleness.
func (e Expected) storeStale(err error) error {
	if models.ErrorCode(err) == models.CodeConflict {
		return e.stale()
	}
	return err
}
