package search

import (
	"context"
	"testing"
)

func TestZZPlan(t *testing.T) {
	ix, _, cs := matchIndex(t)
	r, _ := ix.bi.Advanced()
	rd, _ := r.Reader()
	defer rd.Close()
	p := &matchPlanner{ctx: context.Background(), r: rd, target: memberTarget(), gloss: ix.gloss, t: defaultMatchTuning(), dfs: map[string]uint64{}}
	p.docs = float64(p.df(fieldDocType, typeMember))
	for _, c := range cs[16:17] {
		pl := p.plan(matchSource{texts: []weightedText{{c.Title, 2}, {c.Description, 1}}, tags: weightedTags(c.RequiredSkills, 1)})
		for _, u := range pl.units {
			var dfs []uint64
			for _, f := range u.forms {
				for _, tm := range f {
					dfs = append(dfs, p.maxDF(tm))
				}
			}
			t.Logf("%d %q %q w=%.2f forms=%v df=%v", u.kind, u.label, u.fold, u.weight, u.forms, dfs)
		}
	}
}
