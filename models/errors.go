// Package models holds the domain of innonet: its types, their validation, the error type shared by every
// layer, and the interfaces that the use cases need from persistence. It imports nothing of the project.
package models

import (
	"errors"
	"fmt"
	"time"
)

// Code classifies an Error. The HTTP layer maps each code to a status in one table.
type Code string

// The error codes of innonet.
const (
	CodeInvalid            Code = "invalid"             // the input is malformed or breaks a rule
	CodeUnauthorized       Code = "unauthorized"        // no valid credentials
	CodeForbidden          Code = "forbidden"           // authenticated, but not allowed
	CodeNotFound           Code = "not_found"           // no such object, or not visible to the caller
	CodeConflict           Code = "conflict"            // a duplicate, or a stale version in the body
	CodePreconditionFailed Code = "precondition_failed" // a stale If-Match
	CodeRateLimited        Code = "rate_limited"        // too many attempts
	CodeTooLarge           Code = "too_large"           // a body or upload over its limit
	CodeUnavailable        Code = "unavailable"         // a dependency is not ready
	CodeInternal           Code = "internal"            // anything else; never shown in detail
)

// FieldError names one field at fault with a JSON pointer (RFC 6901) into the request.
type FieldError struct {
	Pointer string `json:"pointer"`
	Detail  string `json:"detail"`
}

// Error is the one error type of innonet. Message is safe to show to a user; Err, the cause, is not.
type Error struct {
	Code    Code
	Message string
	Fields  []FieldError
	Err     error
	// RetryAfter tells a rate-limited caller when to try again.
	RetryAfter time.Duration
}

func (e *Error) Error() string {
	switch {
	case e.Err != nil && e.Message != "":
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	case e.Err != nil:
		return fmt.Sprintf("%s: %v", e.Code, e.Err)
	default:
		return fmt.Sprintf("%s: %s", e.Code, e.Message)
	}
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrNotFound) and friends match any Error of the same code.
func (e *Error) Is(target error) bool {
	var t *Error
	if errors.As(target, &t) {
		return t.Code == e.Code && t.Message == "" && len(t.Fields) == 0 && t.Err == nil
	}
	return false
}

// Sentinels for errors.Is; they match any Error with their code.
var (
	ErrInvalid            = &Error{Code: CodeInvalid}
	ErrUnauthorized       = &Error{Code: CodeUnauthorized}
	ErrForbidden          = &Error{Code: CodeForbidden}
	ErrNotFound           = &Error{Code: CodeNotFound}
	ErrConflict           = &Error{Code: CodeConflict}
	ErrPreconditionFailed = &Error{Code: CodePreconditionFailed}
	ErrRateLimited        = &Error{Code: CodeRateLimited}
	ErrUnavailable        = &Error{Code: CodeUnavailable}
)

// Errorf returns an Error with a code and a user-facing message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns a CodeInvalid error listing the fields at fault.
func Invalid(fields ...FieldError) *Error {
	return &Error{Code: CodeInvalid, Message: "the request is not valid", Fields: fields}
}

// ErrorCode returns the code of err: its own when it is an Error, CodeInternal otherwise.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// ErrorMessage returns the user-facing message of err, or a generic one for internal errors.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != CodeInternal && e.Message != "" {
		return e.Message
	}
	return "an internal error occurred"
}

// ErrorFields returns the field errors carried by err, if any.
func ErrorFields(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Wrap adds context to *errp in the manner of pkgsite's derrors.Wrap: the code is kept, the message grows.
// Use it as `defer models.Wrap(&err, "members.Update(%q)", id)`.
func Wrap(errp *error, format string, args ...any) {
	if *errp == nil {
		return
	}
	ctx := fmt.Sprintf(format, args...)
	var e *Error
	if errors.As(*errp, &e) {
		*errp = &Error{Code: e.Code, Message: e.Message, Fields: e.Fields, RetryAfter: e.RetryAfter, Err: fmt.Errorf("%s: %w", ctx, *errp)}
		return
	}
	*errp = fmt.Errorf("%s: %w", ctx, *errp)
}
