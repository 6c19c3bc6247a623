package records

import (
	"io"

	"github.com/hanoi-innovation/innonet/models"
)

// MemberWriter writes members in one format, in the schema that ReadMembers reads: a record written then
// read back is equal to the original, except that a member is read back published and an organisation that
// is not verified is read back pending. Write may be called after a failed Write. Close flushes the output
// (an XLSX workbook is only written then) and does not close the underlying writer; the writer is not
// used after Close.
type MemberWriter interface {
	Write(*models.Member) error
	Close() error
}

// ChallengeWriter writes challenges in one format, in the schema that ReadChallenges reads.
type ChallengeWriter interface {
	Write(*models.Challenge) error
	Close() error
}

// NewMemberWriter returns a writer of members to w in format f. CSV and XLSX start with the header row.
// In CSV and XLSX a list item that contains ";" cannot be written: Write refuses the member with an error.
func NewMemberWriter(w io.Writer, f Format) (MemberWriter, error) {
	s, err := newSink(w, f, "members", new(memberRow))
	if err != nil {
		return nil, err
	}
	return memberWriter{s}, nil
}

// NewChallengeWriter returns a writer of challenges to w in format f, as NewMemberWriter does for members.
func NewChallengeWriter(w io.Writer, f Format) (ChallengeWriter, error) {
	s, err := newSink(w, f, "challenges", new(challengeRow))
	if err != nil {
		return nil, err
	}
	return challengeWriter{s}, nil
}

type memberWriter struct{ sink }

func (w memberWriter) Write(m *models.Member) error { return w.write(newMemberRow(m)) }

type challengeWriter struct{ sink }

func (w challengeWriter) Write(c *models.Challenge) error { return w.write(newChallengeRow(c)) }

// sink writes rows in one format.
type sink interface {
	write(row) error
	Close() error
}

// newSink returns a sink for rows of the same type as proto, which gives the header.
func newSink(w io.Writer, f Format, sheet string, proto row) (sink, error) {
	header := columnNames(proto.columns())
	switch f {
	case JSONL:
		return newJSONLSink(w), nil
	case CSV:
		return newCSVSink(w, header)
	case XLSX:
		return newXLSXSink(w, sheet, header)
	}
	return nil, invalidf("unknown format %q: use jsonl, csv or xlsx", f)
}

// rowValues returns the cell values of a row: a string, an int64, a bool or nil for each column.
func rowValues(r row) ([]any, error) {
	cols := r.columns()
	values := make([]any, len(cols))
	for i, c := range cols {
		v, err := c.get()
		if err != nil {
			return nil, invalidf("record %q: %v", r.key(), err)
		}
		if v == "" {
			v = nil
		}
		values[i] = v
	}
	return values, nil
}
