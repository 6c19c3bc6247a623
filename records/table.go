package records

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// tableSource yields the rows of a CSV file or a worksheet.
type tableSource interface {
	// next returns the cells of the next row and its spreadsheet row number. A row that cannot be parsed
	// is a *RowError, after which reading goes on; io.EOF ends the table; any other error is fatal.
	next() (cells []string, n int, err error)
}

// readTable reads a header row then records. fromSheet says whether cells come from a spreadsheet, where
// numbers and dates have their own forms.
func readTable[R any, P rowPtr[R]](src tableSource, fromSheet bool, emit func(int, P) error) ([]RowError, error) {
	header, n, err := src.next()
	switch {
	case err == io.EOF:
		return nil, invalidf("the file is empty: the first row must be the header")
	case err != nil:
		return nil, headerError(err)
	case n != 1 || blank(header):
		return nil, invalidf("the first row must be the header")
	}
	index, err := headerIndex[R, P](header)
	if err != nil {
		return nil, err
	}
	var rowErrs []RowError
	for {
		cells, n, err := src.next()
		if err == io.EOF {
			return rowErrs, nil
		}
		var rowErr *RowError
		if errors.As(err, &rowErr) {
			rowErrs = append(rowErrs, *rowErr)
			continue
		}
		if err != nil {
			return rowErrs, err
		}
		if blank(cells) {
			continue
		}
		var p P = new(R)
		if errs := decodeCells(p, cells, index, fromSheet); len(errs) > 0 {
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

func headerError(err error) error {
	var rowErr *RowError
	if errors.As(err, &rowErr) {
		return invalidf("the header row cannot be read: %s", rowErr.Message)
	}
	return err
}

// headerIndex maps each header cell to the index of its column in R's columns, -1 for a cell left empty.
// Names are matched case-insensitively; unknown or repeated names, or no id column, are an error.
func headerIndex[R any, P rowPtr[R]](header []string) ([]int, error) {
	names := columnNames(P(new(R)).columns())
	index := make([]int, len(header))
	var unknown, repeated []string
	seen := map[int]bool{}
	for i, cell := range header {
		if !utf8.ValidString(cell) {
			return nil, invalidf("the header is not UTF-8 text: save the file as CSV UTF-8")
		}
		name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(cell, utf8BOM)))
		index[i] = slices.Index(names, name)
		switch {
		case name == "":
		case index[i] < 0:
			unknown = append(unknown, fmt.Sprintf("%q", cell))
		case seen[index[i]]:
			repeated = append(repeated, fmt.Sprintf("%q", name))
		default:
			seen[index[i]] = true
		}
	}
	switch {
	case len(unknown) == 1 && len(header) == 1 && strings.ContainsAny(header[0], ";\t"):
		return nil, invalidf("the header has a single column %s: separate columns with commas", unknown[0])
	case len(unknown) > 0:
		return nil, invalidf("unknown columns %s; the columns are %s", strings.Join(unknown, ", "), strings.Join(names, ", "))
	case len(repeated) > 0:
		return nil, invalidf("repeated columns %s", strings.Join(repeated, ", "))
	case !seen[slices.Index(names, "id")]:
		return nil, invalidf("the header has no id column")
	}
	return index, nil
}

// decodeCells sets the fields of p from a row's cells and reports every cell at fault, without row numbers.
func decodeCells(p row, cells []string, index []int, fromSheet bool) []RowError {
	cols := p.columns()
	var errs []RowError
	for i, cell := range cells {
		switch {
		case i >= len(index) || index[i] < 0:
			if strings.TrimSpace(cell) != "" {
				errs = append(errs, RowError{Message: fmt.Sprintf("cell %d has a value but no column name in the header", i+1)})
			}
		case cell == "":
		case !utf8.ValidString(cell):
			errs = append(errs, RowError{Field: cols[index[i]].name, Message: "not valid UTF-8"})
		default:
			if err := cols[index[i]].set(cell, fromSheet); err != nil {
				errs = append(errs, RowError{Field: cols[index[i]].name, Message: err.Error()})
			}
		}
	}
	if strings.TrimSpace(p.key()) == "" {
		errs = append(errs, RowError{Field: "id", Message: "is required"})
	}
	return errs
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
