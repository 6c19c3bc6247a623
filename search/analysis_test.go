package search

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestFoldAndTone(t *testing.T) {
	nfd := norm.NFD.String
	tests := []struct {
		in, fold, exact string
	}{
		{"Đổi mới sáng tạo", "doi moi sang tao", "đổi mới sáng tạo"},
		{nfd("Đổi mới sáng tạo"), "doi moi sang tao", "đổi mới sáng tạo"},
		{"hoà", "hoa", "hòa"},
		{"hòa", "hoa", "hòa"},
		{"thuỷ", "thuy", "thủy"},
		{nfd("thuỷ"), "thuy", "thủy"},
		{"khoẻ", "khoe", "khỏe"},
		{"khỏe", "khoe", "khỏe"},
		{"hoàng", "hoang", "hoàng"},
		{"quý", "quy", "quý"},
		{"giữ", "giu", "giữ"},
		{"người", "nguoi", "người"},
		{"khuỷu", "khuyu", "khuỷu"},
		{"ĐƯỜNG", "duong", "đường"},
		{"ParkEasy", "parkeasy", "parkeasy"},
		{"sensors", "sensor", "sensors"},
		{"modelling", "model", "modelling"},
	}
	for _, tc := range tests {
		ws := words(tc.in)
		var fold, exact []string
		for _, w := range ws {
			fold = append(fold, w.fold)
			exact = append(exact, w.exact)
		}
		if got := strings.Join(fold, " "); got != tc.fold {
			t.Errorf("fold(%q) = %q, want %q", tc.in, got, tc.fold)
		}
		if got := strings.Join(exact, " "); got != tc.exact {
			t.Errorf("exact(%q) = %q, want %q", tc.in, got, tc.exact)
		}
	}
}

// TestAnalyzerOffsets checks that the index's analyzers keep the offsets of the original text, so
// highlights fall on the accented words.
func TestAnalyzerOffsets(t *testing.T) {
	im, err := newMapping()
	if err != nil {
		t.Fatal(err)
	}
	text := "Giao thông thông minh, hoà nhập"
	for _, name := range []string{analyzerFold, analyzerExact} {
		toks, err := im.AnalyzeText(name, []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, tk := range toks {
			got = append(got, text[tk.Start:tk.End]+"="+string(tk.Term))
		}
		want := map[string]string{
			analyzerFold:  "Giao=giao thông=thong thông=thong minh=minh hoà=hoa nhập=nhap",
			analyzerExact: "Giao=giao thông=thông thông=thông minh=minh hoà=hòa nhập=nhập",
		}[name]
		if strings.Join(got, " ") != want {
			t.Errorf("%s: %s, want %s", name, strings.Join(got, " "), want)
		}
	}
	toks, err := im.AnalyzeText(analyzerBigram, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if tk := toks[0]; string(tk.Term) != "giao thong" || text[tk.Start:tk.End] != "Giao thông" {
		t.Errorf("first bigram %q at %q", tk.Term, text[tk.Start:tk.End])
	}
}

// TestFastPathsMatchSlow compares the table-driven folding and tone placement with the Unicode-normalizing
// ones over every word of the evaluation members.
func TestFastPathsMatchSlow(t *testing.T) {
	data, err := os.ReadFile(evalFile(t, "members.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(string(data), func(r rune) bool { return strings.ContainsRune(" \n\t\",.:;()[]{}/", r) }) {
		w = strings.ToLower(w)
		if seen[w] {
			continue
		}
		seen[w] = true
		if a, b := Fold(w), foldSlow(w); a != b {
			t.Errorf("Fold(%q) = %q, slow path %q", w, a, b)
		}
		if a, b := NormalizeTone(w), normalizeToneSlow(w); a != b {
			t.Errorf("NormalizeTone(%q) = %q, slow path %q", w, a, b)
		}
	}
}
