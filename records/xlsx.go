package records

import (
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/hanoi-innovation/innonet/models"
	"github.com/xuri/excelize/v2"
)

// maxUnzippedXLSX caps the unpacked size of a workbook, against zip bombs.
const maxUnzippedXLSX = 1 << 30

// xlsxSource reads the rows of a workbook's first sheet, raw values (no number formats applied).
type xlsxSource struct {
	f    *excelize.File
	rows *excelize.Rows
	n    int
}

func newXLSXSource(r io.Reader) (*xlsxSource, error) {
	opts := excelize.Options{RawCellValue: true, UnzipSizeLimit: maxUnzippedXLSX}
	f, err := excelize.OpenReader(r, opts)
	if err != nil {
		return nil, &models.Error{Code: models.CodeInvalid, Message: "the file is not a readable XLSX workbook", Err: err}
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		_ = f.Close()
		return nil, invalidf("the workbook has no sheet")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		_ = f.Close()
		return nil, &models.Error{Code: models.CodeInvalid, Message: "the first sheet cannot be read", Err: err}
	}
	return &xlsxSource{f: f, rows: rows}, nil
}

func (s *xlsxSource) next() ([]string, int, error) {
	if !s.rows.Next() {
		if err := s.rows.Error(); err != nil {
			return nil, 0, &models.Error{Code: models.CodeInvalid, Message: "the first sheet cannot be read", Err: err}
		}
		return nil, 0, io.EOF
	}
	s.n++
	cells, err := s.rows.Columns(excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, 0, &models.Error{Code: models.CodeInvalid, Message: fmt.Sprintf("row %d cannot be read", s.n), Err: err}
	}
	return cells, s.n, nil
}

// Close releases the workbook and its temporary files.
func (s *xlsxSource) Close() error {
	_ = s.rows.Close()
	return s.f.Close()
}

// xlsxSink writes a workbook of one sheet with a bold, frozen header row. Rows are streamed to a temporary
// file; Close writes the workbook to w.
type xlsxSink struct {
	w  io.Writer
	f  *excelize.File
	sw *excelize.StreamWriter
	n  int
}

func newXLSXSink(w io.Writer, sheet string, header []string) (*xlsxSink, error) {
	f := excelize.NewFile()
	s, err := initXLSX(f, sheet, header)
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	s.w = w
	return s, nil
}

func initXLSX(f *excelize.File, sheet string, header []string) (*xlsxSink, error) {
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	cells := make([]any, len(header))
	for i, name := range header {
		cells[i] = excelize.Cell{StyleID: bold, Value: name}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return nil, err
	}
	return &xlsxSink{f: f, sw: sw, n: 1}, nil
}

func (s *xlsxSink) write(r row) error {
	values, err := rowValues(r)
	if err != nil {
		return err
	}
	for i, v := range values {
		if text, ok := v.(string); ok && utf8.RuneCountInString(text) > excelize.TotalCellChars {
			return invalidf("record %q: column %s: longer than the %d characters a spreadsheet cell holds; use JSONL", r.key(), r.columns()[i].name, excelize.TotalCellChars)
		}
	}
	cell, err := excelize.CoordinatesToCellName(1, s.n+1)
	if err != nil {
		return err
	}
	if err := s.sw.SetRow(cell, values); err != nil {
		return err
	}
	s.n++
	return nil
}

func (s *xlsxSink) Close() error {
	defer s.f.Close()
	if err := s.sw.Flush(); err != nil {
		return err
	}
	return s.f.Write(s.w)
}
