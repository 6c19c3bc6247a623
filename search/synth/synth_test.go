package synth

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

// TestMatchesPython prints a digest of the first members, to compare with the perf check's generator
// (INNONET_SYNTH_DUMP=path writes them as JSON lines).
func TestDigest(t *testing.T) {
	base, err := LoadMembers("../../../shared/eval/members.jsonl")
	if err != nil {
		t.Skip(err)
	}
	g := NewGenerator(NewVocabulary(base), Seed)
	h := sha256.New()
	var out *os.File
	if p := os.Getenv("INNONET_SYNTH_DUMP"); p != "" {
		out, _ = os.Create(p)
		defer out.Close()
	}
	for i := 0; i < 2000; i++ {
		m := g.Next()
		rec := map[string]any{"id": m.ID, "kind": m.Kind, "name": m.Name, "headline": m.Headline,
			"description": m.Description, "sectors": m.Sectors, "skills": m.Skills, "ward": m.Ward,
			"stage": m.Stage, "founded": m.Founded, "team_size": m.TeamSize, "organization": m.Organization,
			"years_experience": m.YearsExperience, "jurisdiction": m.Jurisdiction}
		b, _ := json.Marshal(rec)
		h.Write(b)
		if out != nil {
			fmt.Fprintf(out, "%s\n", b)
		}
	}
	var ps []string
	for i := 0; i < 5; i++ {
		ps = append(ps, g.Prefix())
	}
	t.Logf("digest %x prefixes %v", h.Sum(nil), ps)
}
