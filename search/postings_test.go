package search

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

// TestPostingsCacheKeepsResults ranks each query twice on one snapshot, from the cache of decoded
// postings and without it, before and after updates and deletions, and wants the same documents with the
// same scores.
func TestPostingsCacheKeepsResults(t *testing.T) {
	ctx := context.Background()
	ms, queries, _ := benchInput(t, 3000)
	ix := openTestIndex(t, filepath.Join(t.TempDir(), "index"))
	defer ix.Close()
	for i := 0; i < len(ms); i += 1000 {
		if err := ix.Apply(ctx, memberChanges(ms[i:i+1000], int64(i+1))); err != nil {
			t.Fatal(err)
		}
	}
	compare := func(stage string) {
		t.Helper()
		for _, q := range queries {
			v, err := ix.newView(ctx)
			if err != nil {
				t.Fatal(err)
			}
			pl := ix.planIn(v, &request{docType: typeMember, text: q.Text, spec: memberSpec(ix.tune)})
			ranked := func() []docScore {
				got, err := newRun(v, pl.q, typeMember, nil, 50).execute()
				if err != nil {
					t.Fatal(err)
				}
				return got
			}
			cached := ranked()
			v.cacheBudget = 0
			plain := ranked()
			v.close()
			if !slices.Equal(cached, plain) {
				t.Fatalf("%s %q: from the cache %v, without it %v", stage, q.Text, cached, plain)
			}
		}
	}
	compare("cold")
	compare("warm")
	if st := ix.PostingsCacheStats(); st.Bytes == 0 || st.Hits == 0 || st.Misses == 0 {
		t.Fatalf("after two rounds of queries the cache reports %+v", st)
	}
	var cs []models.Change
	seq := int64(len(ms))
	for i := 0; i < len(ms); i += 7 {
		seq++
		if i%2 == 0 {
			cs = append(cs, models.Change{Seq: seq, Type: models.EntityMember, ID: ms[i].ID, Deleted: true})
			continue
		}
		m := *ms[i]
		m.Description = fmt.Sprintf("%s %s", ms[(i+1)%len(ms)].Description, m.Description)
		cs = append(cs, models.Change{Seq: seq, Type: models.EntityMember, ID: m.ID, Member: &m})
	}
	if err := ix.Apply(ctx, cs); err != nil {
		t.Fatal(err)
	}
	compare("after updates and deletions")
}

// TestPostingsCacheBudget fills a segment's cache past its budget and wants it to stay within it.
func TestPostingsCacheBudget(t *testing.T) {
	var c segCache
	const budget = 1000
	for i := range 100 {
		c.keep(fmt.Sprint("t", i), &postings{docs: make([]uint32, 60)}, budget)
		if c.held > budget {
			t.Fatalf("after %d entries the cache holds %d postings, budget %d", i+1, c.held, budget)
		}
		held := 0
		for _, p := range c.postings {
			held += len(p.docs)
		}
		if held != c.held {
			t.Fatalf("the cache counts %d postings and holds %d", c.held, held)
		}
	}
	c.keep("big", &postings{docs: make([]uint32, budget/2+1)}, budget)
	if _, ok := c.postings["big"]; ok {
		t.Error("an entry of more than half the budget was cached")
	}
}
