package records

import (
	"io"

	"github.com/hanoi-innovation/innonet/models"
)

// MemberRecord is one member read from a file.
type MemberRecord struct {
	// Row is where the record starts, numbered as in RowError.
	Row    int
	Member *models.Member
	// Verified is the verified field as the file gives it, nil when absent.
	Verified *bool
}

// ChallengeRecord is one challenge read from a file.
type ChallengeRecord struct {
	// Row is where the record starts, numbered as in RowError.
	Row       int
	Challenge *models.Challenge
}

// ReadMembers reads members from r in format f and calls fn with each well-formed record, in file order.
// A malformed record becomes a RowError, fn is not called for it, and reading goes on. The error is for a
// file that cannot be read at all (a bad header, a broken workbook, a failing reader; a models.Error with
// CodeInvalid when it is the file's fault) or the first error that fn returns, which stops reading.
//
// Records are converted as they are: the caller normalizes and validates them.
func ReadMembers(r io.Reader, f Format, fn func(MemberRecord) error) ([]RowError, error) {
	return readRows(r, f, func(n int, row *memberRow) error {
		return fn(MemberRecord{Row: n, Member: row.member(), Verified: row.Verified})
	})
}

// ReadChallenges reads challenges from r in format f, as ReadMembers reads members.
func ReadChallenges(r io.Reader, f Format, fn func(ChallengeRecord) error) ([]RowError, error) {
	return readRows(r, f, func(n int, row *challengeRow) error {
		return fn(ChallengeRecord{Row: n, Challenge: row.challenge()})
	})
}

// row is what the readers and writers need of a row type.
type row interface {
	// columns binds the row's fields to their CSV/XLSX column names.
	columns() []column
	// key returns the id.
	key() string
}

// rowPtr is a pointer to a row type R, so that readers can make new rows.
type rowPtr[R any] interface {
	*R
	row
}

func readRows[R any, P rowPtr[R]](r io.Reader, f Format, emit func(int, P) error) ([]RowError, error) {
	switch f {
	case JSONL:
		return readJSONL[R, P](r, emit)
	case CSV:
		return readTable[R, P](newCSVSource(r), false, emit)
	case XLSX:
		src, err := newXLSXSource(r)
		if err != nil {
			return nil, err
		}
		defer src.Close()
		return readTable[R, P](src, true, emit)
	}
	return nil, invalidf("unknown format %q: use jsonl, csv or xlsx", f)
}
