package records

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// MaxLineBytes is the longest JSONL line that is read; a longer one is a RowError.
const MaxLineBytes = 1 << 20

func readJSONL[R any, P rowPtr[R]](r io.Reader, emit func(int, P) error) ([]RowError, error) {
	shape := shapeOf[R]()
	lines := lineReader{br: bufio.NewReaderSize(r, 64<<10)}
	var rowErrs []RowError
	for n := 1; ; n++ {
		line, tooLong, err := lines.next()
		if err == io.EOF {
			return rowErrs, nil
		}
		if err != nil {
			return rowErrs, fmt.Errorf("records: line %d: %w", n, err)
		}
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte(utf8BOM))
		}
		if tooLong {
			rowErrs = append(rowErrs, RowError{Row: n, Message: fmt.Sprintf("line is longer than %d bytes", MaxLineBytes)})
			continue
		}
		if line = bytes.TrimSpace(line); len(line) == 0 {
			continue
		}
		var p P = new(R)
		if errs := decodeJSONRow(line, p, shape); len(errs) > 0 {
			for _, e := range errs {
				e.Row = n
				rowErrs = append(rowErrs, e)
			}
			continue
		}
		if err := emit(n, p); err != nil {
			return rowErrs, err
		}
	}
}

// decodeJSONRow decodes one line into p and reports everything wrong with it, without row numbers.
func decodeJSONRow(line []byte, p row, shape jsonShape) []RowError {
	if !utf8.Valid(line) {
		return []RowError{{Message: "not valid UTF-8"}}
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(line, &obj); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return []RowError{{Message: "must be a JSON object"}}
		}
		return []RowError{{Message: "not valid JSON: " + strings.TrimPrefix(err.Error(), "json: ")}}
	}
	if obj == nil {
		return []RowError{{Message: "must be a JSON object"}}
	}
	var errs []RowError
	for _, ptr := range shape.unknown(obj, "") {
		errs = append(errs, RowError{Field: ptr, Message: "unknown field"})
	}
	var typeErr RowError
	if err := json.Unmarshal(line, p); err != nil {
		typeErr = jsonFieldError(err, shape)
		errs = append(errs, typeErr)
	}
	if strings.TrimSpace(p.key()) == "" && typeErr.Field != "/id" {
		errs = append(errs, RowError{Field: "/id", Message: "is required"})
	}
	return errs
}

// jsonFieldError describes a decoding error, naming the field when it is a type error.
func jsonFieldError(err error, shape jsonShape) RowError {
	var typeErr *json.UnmarshalTypeError
	if !errors.As(err, &typeErr) || typeErr.Field == "" {
		return RowError{Message: strings.TrimPrefix(err.Error(), "json: ")}
	}
	path := strings.Split(typeErr.Field, ".")
	want := "of another type"
	if t := shape.lookup(path); t != nil {
		want = describeType(t)
	}
	return RowError{Field: pointer(path...), Message: fmt.Sprintf("must be %s, not %s", want, typeErr.Value)}
}

// lineReader reads lines of up to MaxLineBytes and skips the rest of longer ones.
type lineReader struct {
	br *bufio.Reader
}

// next returns the next line without its end; io.EOF after the last line.
func (l *lineReader) next() (line []byte, tooLong bool, err error) {
	read := false
	for {
		chunk, err := l.br.ReadSlice('\n')
		read = read || len(chunk) > 0
		if !tooLong {
			line = append(line, chunk...)
			tooLong = len(bytes.TrimRight(line, "\r\n")) > MaxLineBytes
			if tooLong {
				line = nil
			}
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && !read:
			return nil, false, io.EOF
		case err != nil && err != io.EOF:
			return nil, false, err
		}
		return bytes.TrimRight(line, "\r\n"), tooLong, nil
	}
}

// jsonlSink writes one JSON object per line.
type jsonlSink struct {
	bw  *bufio.Writer
	enc *json.Encoder
}

func newJSONLSink(w io.Writer) *jsonlSink {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return &jsonlSink{bw: bw, enc: enc}
}

func (s *jsonlSink) write(r row) error { return s.enc.Encode(r) }

func (s *jsonlSink) Close() error { return s.bw.Flush() }
