package records

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/hanoi-innovation/innonet/models"
	"github.com/xuri/excelize/v2"
)

// listSep separates the items of a list in a CSV or XLSX cell.
const listSep = ";"

// column binds a field of a row to its name in a CSV or XLSX header. ptr is a *string, *[]string, *int,
// **int64 or **bool; date marks a text field holding a date, which a spreadsheet may store as a serial.
type column struct {
	name string
	ptr  any
	date bool
}

func col(name string, ptr any) column { return column{name: name, ptr: ptr} }

func dateCol(name string, ptr *string) column { return column{name: name, ptr: ptr, date: true} }

// columnNames returns the names of cols, in order.
func columnNames(cols []column) []string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.name
	}
	return names
}

// set parses a cell into the field. Numbers and dates from a spreadsheet may come in the spreadsheet's own
// forms (2021.0, a date serial), which fromSheet accepts.
func (c column) set(cell string, fromSheet bool) error {
	switch p := c.ptr.(type) {
	case *string:
		*p = cell
		if c.date && fromSheet {
			*p = sheetDate(cell)
		}
	case *[]string:
		*p = splitList(cell)
	case *int:
		n, err := parseInt(cell, fromSheet)
		if err != nil || n < math.MinInt || n > math.MaxInt {
			return fmt.Errorf("must be an integer, not %q", cell)
		}
		*p = int(n)
	case **int64:
		if strings.TrimSpace(cell) == "" {
			*p = nil
			return nil
		}
		n, err := parseInt(cell, fromSheet)
		if err != nil {
			return fmt.Errorf("must be an integer, not %q", cell)
		}
		*p = &n
	case **bool:
		b, err := parseBool(cell)
		if err != nil {
			return err
		}
		*p = b
	default:
		panic(fmt.Sprintf("records: column %s has unsupported type %T", c.name, c.ptr))
	}
	return nil
}

// get returns the field's value for a cell: a string, an int64, a bool, or nil when absent. A list item that
// contains the separator cannot be written and is an error.
func (c column) get() (any, error) {
	switch p := c.ptr.(type) {
	case *string:
		return *p, nil
	case *[]string:
		for _, item := range *p {
			if strings.Contains(item, listSep) {
				return nil, fmt.Errorf("column %s: item %q contains %q, which separates list items in CSV and XLSX; use JSONL", c.name, item, listSep)
			}
		}
		return joinList(*p), nil
	case *int:
		if *p == 0 {
			return nil, nil
		}
		return int64(*p), nil
	case **int64:
		if *p == nil {
			return nil, nil
		}
		return **p, nil
	case **bool:
		if *p == nil {
			return nil, nil
		}
		return **p, nil
	}
	panic(fmt.Sprintf("records: column %s has unsupported type %T", c.name, c.ptr))
}

// cellText formats a value returned by get as the text of a CSV cell.
func cellText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case int64:
		return strconv.FormatInt(v, 10)
	case bool:
		return strconv.FormatBool(v)
	case string:
		return v
	}
	return fmt.Sprint(v)
}

func splitList(cell string) []string {
	var items []string
	for item := range strings.SplitSeq(cell, listSep) {
		if item = strings.TrimSpace(item); item != "" {
			items = append(items, item)
		}
	}
	return items
}

func joinList(items []string) string { return strings.Join(items, listSep+" ") }

// parseInt parses an integer cell; an empty cell is 0. A spreadsheet may hold an integer as a float.
func parseInt(cell string, fromSheet bool) (int64, error) {
	cell = strings.TrimSpace(cell)
	if cell == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(cell, 10, 64)
	if err == nil || !fromSheet {
		return n, err
	}
	f, ferr := strconv.ParseFloat(cell, 64)
	if ferr != nil || f != math.Trunc(f) || math.Abs(f) >= 1<<53 {
		return 0, err
	}
	return int64(f), nil
}

func parseBool(cell string) (*bool, error) {
	var b bool
	switch strings.ToLower(strings.TrimSpace(cell)) {
	case "":
		return nil, nil
	case "true", "1":
		b = true
	case "false", "0":
		b = false
	default:
		return nil, fmt.Errorf("must be true or false, not %q", cell)
	}
	return &b, nil
}

// sheetDate turns a date serial number, the way a spreadsheet stores a date, into YYYY-MM-DD. Any other
// text is returned as it is.
func sheetDate(cell string) string {
	f, err := strconv.ParseFloat(strings.TrimSpace(cell), 64)
	if err != nil || f < 1 || f > 2958465 {
		return cell
	}
	t, err := excelize.ExcelDateToTime(f, false)
	if err != nil {
		return cell
	}
	return t.Format(models.DateLayout)
}
