package search

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestTuneSweep evaluates the dev split for each value of one tuning parameter, for development:
// INNONET_TUNE="msmRatio=0.2,0.34,0.5".
func TestTuneSweep(t *testing.T) {
	spec := os.Getenv("INNONET_TUNE")
	if spec == "" {
		t.Skip("set INNONET_TUNE=param=v1,v2,...")
	}
	ix, _ := evalIndex(t)
	queries, err := LoadQueries(evalFile(t, "search_queries.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	qrels, err := LoadQrels(evalFile(t, "search_qrels.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	name, values, _ := strings.Cut(spec, "=")
	base := ix.tune
	for _, v := range strings.Split(values, ",") {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Fatal(err)
		}
		ix.tune = base
		if !setTuning(&ix.tune, name, f) {
			t.Fatalf("unknown parameter %q", name)
		}
		rep, err := Evaluate(context.Background(), queries, qrels, ix.MemberRanker())
		if err != nil {
			t.Fatal(err)
		}
		types := make([]string, 0, len(rep.ByType))
		for k := range rep.ByType {
			types = append(types, k)
		}
		sort.Strings(types)
		line := fmt.Sprintf("%s=%-5s all %.3f R %.3f |", name, v, rep.Overall.NDCG10, rep.Overall.Recall50)
		for _, k := range types {
			line += fmt.Sprintf(" %s %.3f", k[:4], rep.ByType[k].NDCG10)
		}
		t.Log(line)
	}
}

func setTuning(t *tuning, name string, v float64) bool {
	fields := map[string]*float64{
		"name": &t.name, "headline": &t.headline, "skills": &t.skills, "extra": &t.extra,
		"fieldTie": &t.fieldTie, "conceptTie": &t.conceptTie, "coord": &t.coord, "bigram": &t.bigram,
		"expansion": &t.expansion, "exact": &t.exact, "common": &t.common, "agency": &t.agency, "feedback": &t.feedback,
		"commonRatio": &t.commonRatio, "msmRatio": &t.msmRatio, "idfPower": &t.idfPower, "subSpan": &t.subSpan, "related": &t.related,
	}
	p, ok := fields[name]
	if ok {
		*p = v
	}
	return ok
}
