package models

import "fmt"

// RowError is a bad record of an imported file. An import reports it and goes on with the next record.
type RowError struct {
	// Row is the number the user sees: the line number in JSONL; the spreadsheet row number in CSV and
	// XLSX, the header being row 1.
	Row int `json:"row"`
	// Field names the field at fault, as a JSON pointer (JSONL) or a column name (CSV, XLSX). It is empty
	// when the whole record is at fault.
	Field string `json:"field,omitempty"`
	// Message says what is wrong, in English.
	Message string `json:"message"`
}

func (e RowError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("row %d: %s", e.Row, e.Message)
	}
	return fmt.Sprintf("row %d: %s: %s", e.Row, e.Field, e.Message)
}
