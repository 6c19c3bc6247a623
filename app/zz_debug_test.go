package app_test

import (
	"context"
	"os"
	"testing"

	"github.com/hanoi-innovation/innonet/app"
	"github.com/hanoi-innovation/innonet/models"
)

func TestZZDebug(t *testing.T) {
	only := os.Getenv("DBG")
	if only == "" {
		t.Skip()
	}
	e := loadMatchEval(t)
	sc := app.Scorer{Taxonomy: models.MustTaxonomy(), Concepts: e.ix}
	for _, c := range e.challenges {
		if only != "all" && only != c.ID {
			continue
		}
		j := e.qrels[c.ID]
		if j == nil {
			continue
		}
		cands, _ := e.ix.SolversFor(context.Background(), c, 100)
		rel := map[string]float64{}
		for i, cd := range cands {
			rel[cd.ID] = cd.Relevance / cands[0].Relevance
			_ = i
		}
		ms, _ := e.rank(context.Background(), sc, c)
		t.Logf("== %s %s %v %v", c.ID, c.Title, c.RequiredSkills, c.PreferredKinds)
		seen := map[string]bool{}
		for i, m := range ms {
			g, ok := j[m.MemberID]
			if i >= 10 && !ok {
				continue
			}
			seen[m.MemberID] = true
			gs := "-"
			if ok {
				gs = string(rune('0' + g))
			}
			mem := e.members[m.MemberID]
			if i < 10 || g > 0 {
				sk := ""
				for _, r := range m.Reasons {
					if r.Kind == "skill" || r.Kind == "sector" {
						sk += r.VI + " | "
					}
				}
				t.Logf("%3d %s %-8s %-18s s=%3d rel=%.2f %s | %s", i+1, gs, m.MemberID, mem.Kind, m.Score, rel[m.MemberID], mem.Name, sk)
			}
		}
		for id, g := range j {
			if !seen[id] && g > 0 {
				t.Logf("  MISSING %d %s %s", g, id, e.members[id].Name)
			}
		}
	}
}
