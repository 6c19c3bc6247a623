package records

import (
	"bytes"
	"context"
	"io"

	"github.com/hanoi-innovation/innonet/models"
)

// Sink receives the records of an import: the good ones to write and the bad ones to report.
type Sink interface {
	AddMember(ctx context.Context, row int, m *models.Member) error
	AddChallenge(ctx context.Context, row int, c *models.Challenge) error
	Reject(e RowError)
}

// Import reads a file of members ("members") or challenges ("challenges") into sink. The format comes from the
// file's name, else from its first bytes.
func Import(ctx context.Context, sink Sink, kind, name string, data []byte) error {
	format, err := DetectFormat(name, data[:min(len(data), 512)])
	if err != nil {
		return err
	}
	var rowErrs []RowError
	switch kind {
	case "members":
		rowErrs, err = ReadMembers(bytes.NewReader(data), format, func(r MemberRecord) error {
			return sink.AddMember(ctx, r.Row, r.Member)
		})
	case "challenges":
		rowErrs, err = ReadChallenges(bytes.NewReader(data), format, func(r ChallengeRecord) error {
			return sink.AddChallenge(ctx, r.Row, r.Challenge)
		})
	default:
		return invalidf("cannot import %q: want members or challenges", kind)
	}
	for _, e := range rowErrs {
		sink.Reject(e)
	}
	return err
}

// Scan calls member or challenge for every record to export; either may be nil to skip that kind.
type Scan func(member func(*models.Member) error, challenge func(*models.Challenge) error) error

// Export writes the members ("members") or challenges ("challenges") that scan yields, in the format.
func Export(w io.Writer, kind string, format Format, scan Scan) error {
	switch kind {
	case "members":
		mw, err := NewMemberWriter(w, format)
		if err != nil {
			return err
		}
		if err := scan(mw.Write, nil); err != nil {
			return err
		}
		return mw.Close()
	case "challenges":
		cw, err := NewChallengeWriter(w, format)
		if err != nil {
			return err
		}
		if err := scan(nil, cw.Write); err != nil {
			return err
		}
		return cw.Close()
	}
	return invalidf("cannot export %q: want members or challenges", kind)
}
