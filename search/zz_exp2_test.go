package search

import (
	"testing"

	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/hanoi-innovation/innonet/models"
)

func TestExpTokens(t *testing.T) {
	ms, _, _ := benchInput(t, 2000)
	im, _ := newMapping()
	per := map[string]int{}
	total := 0
	for _, m := range ms {
		d := document.NewDocument(m.ID)
		if err := im.MapDocument(d, newMemberDoc(m, models.MustTaxonomy())); err != nil {
			t.Fatal(err)
		}
		d.VisitFields(func(f index.Field) {
			f.Analyze()
			per[f.Name()] += len(f.AnalyzedTokenFrequencies())
			total += len(f.AnalyzedTokenFrequencies())
		})
	}
	for k, v := range per {
		t.Logf("%-20s %6.1f", k, float64(v)/float64(len(ms)))
	}
	t.Logf("total %.1f unique terms/doc", float64(total)/float64(len(ms)))
}
