package auth

import (
	"fmt"

	"github.com/hanoi-innovation/innonet/models"
)

// msgInvalidToken is the one message shown for any access token that fails verification.
const msgInvalidToken = "invalid or expired token"

func unauthorized(cause error) error {
	return &models.Error{Code: models.CodeUnauthorized, Message: msgInvalidToken, Err: cause}
}

func internalf(format string, args ...any) error {
	return &models.Error{Code: models.CodeInternal, Err: fmt.Errorf(format, args...)}
}
