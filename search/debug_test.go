package search

import (
	"context"
	"encoding/json"
	"os"
	"testing"
)

// TestDebugQuery prints the plan and the top hits of INNONET_DEBUG_QUERY over the evaluation members.
func TestDebugQuery(t *testing.T) {
	text := os.Getenv("INNONET_DEBUG_QUERY")
	if text == "" {
		t.Skip("set INNONET_DEBUG_QUERY to a query text")
	}
	ix, _ := evalIndex(t)
	r := &request{docType: typeMember, text: text, spec: memberSpec(ix.tune)}
	pl, err := ix.plan(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(pl.q, "", " ")
	t.Logf("plan:\n%s", b)
	res, err := ix.SearchMembers(context.Background(), MemberQuery{Text: text, PerPage: 15})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("total %d", res.Total)
	for _, h := range res.Hits {
		t.Logf("%s %.3f %v", h.ID, h.Score, h.Highlights["name"])
	}
}
