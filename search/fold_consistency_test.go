package search

import (
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/demo"
	"github.com/hanoi-innovation/innonet/models"
)

// TestFoldAgreesWithModels: the index's fast fold and the domain's fold (used by the match scorer) must give
// the same text, or a skill would match in one place and not the other.
func TestFoldAgreesWithModels(t *testing.T) {
	set, err := demo.Load(time.Now(), models.MustTaxonomy())
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"Đổi Mới Sáng Tạo", "hòa hoà", "THỦY thuỷ", "khỏe khoẻ", "Giao thông\u0323"}
	for _, m := range set.Members {
		texts = append(texts, m.Name, m.Headline, m.Description)
		texts = append(texts, m.Skills...)
	}
	for _, s := range texts {
		if got, want := Fold(s), models.Fold(s); got != want {
			t.Errorf("Fold(%q) = %q, models.Fold = %q", s, got, want)
		}
	}
}
