package records

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// csvSource reads CSV records and numbers them as a spreadsheet shows them: blank lines count as rows, and a
// record with line breaks inside quotes is one row.
type csvSource struct {
	cr      *csv.Reader
	row     int // the row of the last record
	endLine int // the last line of the last record
}

func newCSVSource(r io.Reader) *csvSource {
	br := bufio.NewReader(r)
	if b, err := br.Peek(len(utf8BOM)); err == nil && string(b) == utf8BOM {
		_, _ = br.Discard(len(utf8BOM))
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	return &csvSource{cr: cr}
}

func (s *csvSource) next() ([]string, int, error) {
	rec, err := s.cr.Read()
	var parseErr *csv.ParseError
	if errors.As(err, &parseErr) {
		s.advance(parseErr.StartLine, parseErr.Line)
		what := "bad CSV row"
		if errors.Is(parseErr.Err, csv.ErrQuote) || errors.Is(parseErr.Err, csv.ErrBareQuote) {
			what = "bad CSV quoting"
		}
		return nil, s.row, &RowError{Row: s.row, Message: fmt.Sprintf("%s: %v (line %d, column %d)", what, parseErr.Err, parseErr.Line, parseErr.Column)}
	}
	if err != nil {
		return nil, 0, err
	}
	start, _ := s.cr.FieldPos(0)
	last, _ := s.cr.FieldPos(len(rec) - 1)
	s.advance(start, last+strings.Count(rec[len(rec)-1], "\n"))
	for i, cell := range rec {
		rec[i] = unguard(cell)
	}
	return rec, s.row, nil
}

// advance moves past a record on lines start to end; the blank lines before it were rows too.
func (s *csvSource) advance(start, end int) {
	s.row += start - s.endLine
	s.endLine = end
}

// csvSink writes a CSV file with a UTF-8 byte order mark, which spreadsheets need to show Vietnamese.
type csvSink struct {
	bw *bufio.Writer
	cw *csv.Writer
}

func newCSVSink(w io.Writer, header []string) (*csvSink, error) {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(utf8BOM); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(bw)
	if err := cw.Write(header); err != nil {
		return nil, err
	}
	return &csvSink{bw: bw, cw: cw}, nil
}

func (s *csvSink) write(r row) error {
	values, err := rowValues(r)
	if err != nil {
		return err
	}
	cells := make([]string, len(values))
	for i, v := range values {
		cells[i] = cellText(v)
		if _, ok := v.(string); ok {
			cells[i] = guard(cells[i])
		}
	}
	return s.cw.Write(cells)
}

func (s *csvSink) Close() error {
	s.cw.Flush()
	if err := s.cw.Error(); err != nil {
		return err
	}
	return s.bw.Flush()
}

// guard protects a text cell that a spreadsheet would take for a formula (it starts with = + - @, a tab or
// a carriage return) with a leading apostrophe. Apostrophes already in front of such a start get one more,
// so that unguard gives back every value.
func guard(s string) string {
	if needsGuard(s) {
		return "'" + s
	}
	return s
}

// unguard removes the apostrophe that guard added.
func unguard(s string) string {
	if strings.HasPrefix(s, "'") && needsGuard(s[1:]) {
		return s[1:]
	}
	return s
}

func needsGuard(s string) bool {
	s = strings.TrimLeft(s, "'")
	return s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0
}
