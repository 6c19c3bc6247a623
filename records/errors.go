package records

import "github.com/hanoi-innovation/innonet/models"

// RowError is a malformed record. Reading reports it and goes on with the next record.
type RowError = models.RowError

// invalidf returns the error for a file that cannot be read at all (a bad header, a broken workbook). It is
// a models.Error with CodeInvalid, so the HTTP layer answers 400 with the message.
func invalidf(format string, args ...any) error {
	return models.Errorf(models.CodeInvalid, format, args...)
}
