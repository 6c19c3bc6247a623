package records

import (
	"bytes"
	"path/filepath"
	"strings"
)

// Format is a file format of records.
type Format string

// The supported formats.
const (
	JSONL Format = "jsonl"
	CSV   Format = "csv"
	XLSX  Format = "xlsx"
)

// ParseFormat returns the format named s ("jsonl", "csv" or "xlsx", in any case).
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case JSONL, CSV, XLSX:
		return f, nil
	case "ndjson":
		return JSONL, nil
	}
	return "", invalidf("unknown format %q: use jsonl, csv or xlsx", s)
}

// ContentType returns the media type of the format, for downloads.
func (f Format) ContentType() string {
	switch f {
	case JSONL:
		return "application/jsonl; charset=utf-8"
	case CSV:
		return "text/csv; charset=utf-8"
	case XLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return "application/octet-stream"
}

// Magic numbers of the formats that DetectFormat sniffs.
const (
	zipMagic = "PK\x03\x04"
	oleMagic = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
	utf8BOM  = "\ufeff"
)

// DetectFormat tells the format of a file by its extension (.jsonl, .ndjson, .csv, .xlsx) or, failing that,
// by head, its first bytes (a few hundred are enough): a ZIP archive is XLSX, a JSON object is JSONL, other
// text is CSV. A legacy .xls workbook or a JSON array is an error that says what to do instead.
func DetectFormat(filename string, head []byte) (Format, error) {
	switch strings.ToLower(filepath.Ext(filename)) {
	case ".jsonl", ".ndjson":
		return JSONL, nil
	case ".csv":
		return CSV, nil
	case ".xlsx":
		return XLSX, nil
	case ".xls":
		return "", invalidf("legacy .xls workbooks are not supported: save the file as .xlsx")
	}
	switch {
	case bytes.HasPrefix(head, []byte(zipMagic)):
		return XLSX, nil
	case bytes.HasPrefix(head, []byte(oleMagic)):
		return "", invalidf("legacy or encrypted Excel workbooks are not supported: save the file as .xlsx without a password")
	}
	text := bytes.TrimLeft(bytes.TrimPrefix(head, []byte(utf8BOM)), " \t\r\n")
	switch {
	case len(text) == 0:
		return "", invalidf("the file is empty")
	case text[0] == '{':
		return JSONL, nil
	case text[0] == '[':
		return "", invalidf("a JSON array is not supported: write one JSON object per line (JSON Lines)")
	case bytes.IndexByte(text, 0) < 0 && bytes.ContainsRune(firstLine(text), ','):
		return CSV, nil
	}
	return "", invalidf("cannot tell the format of %q: use a .jsonl, .csv or .xlsx file", filename)
}

func firstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i]
	}
	return b
}
