package search

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hanoi-innovation/innonet/models"
)

// FuzzSearchMembers runs arbitrary query texts (odd Unicode, Bleve query syntax, very long words) against
// a small index: no query may fail or panic, a page never holds more than asked, every hit is a member of
// the index, and highlights stay HTML-safe: the only markup in them is <mark> and </mark>.
// Seeds are in testdata/fuzz/FuzzSearchMembers; `make fuzz` explores further.
func FuzzSearchMembers(f *testing.F) {
	for _, s := range []string{
		"giao thông thông minh", "giao thong", "hoà bình", "hòa bình", "AI", "air quality sensors",
		`name:"x" OR +a -b`, "*", "?", "~", "a:b:c", "<script>alert(1)</script>", "\u0301\u0301", "🚦🚦",
		"ｇｉａｏ", "\x00", strings.Repeat("ngập ", 200), "\xff\xfe",
	} {
		f.Add(s)
	}
	ix := openTestIndex(f, filepath.Join(f.TempDir(), "index"))
	f.Cleanup(func() { ix.Close() })
	names := []string{"Giao Thông Xanh", "Hòa Bình <AI>", "Ngập & Nước", "Air Quality Lab", "Đèn \"Tín Hiệu\""}
	var changes []models.Change
	ids := map[string]bool{}
	for i, n := range names {
		m := member(fmt.Sprintf("st-%d", i), n, "Cảnh báo ngập úng & <b>giao thông</b>", "Cảm biến bụi mịn PM2.5 cho trường học. Hoà nhập.")
		changes = append(changes, models.Change{Seq: int64(i + 1), Type: models.EntityMember, ID: m.ID, Member: m})
		ids[m.ID] = true
	}
	if err := ix.Apply(context.Background(), changes); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ctx := context.Background()
		res, err := ix.SearchMembers(ctx, MemberQuery{Text: text, PerPage: 3, Facets: []string{"kind", "sector"}})
		if err != nil {
			t.Fatalf("SearchMembers(%q): %v", text, err)
		}
		if len(res.Hits) > 3 || uint64(len(res.Hits)) > res.Total {
			t.Fatalf("%d hits of %d on a page of 3", len(res.Hits), res.Total)
		}
		for _, h := range res.Hits {
			if !ids[h.ID] {
				t.Fatalf("hit %q is not in the index", h.ID)
			}
			for field, frags := range h.Highlights {
				for _, fr := range frags {
					rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(fr)
					if strings.ContainsAny(rest, "<>") || !utf8.ValidString(fr) {
						t.Fatalf("highlight of %s is not safe HTML: %q", field, fr)
					}
				}
			}
		}
		if _, err := ix.Suggest(ctx, text, 5); err != nil {
			t.Fatalf("Suggest(%q): %v", text, err)
		}
	})
}
