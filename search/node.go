package search

import (
	"encoding/json"
	"strings"
)

// nodeOp is what a node of a query plan does.
type nodeOp uint8

const (
	// opTerm matches the documents with term in field; it scores as Bleve's BM25 term query with the boost.
	opTerm nodeOp = iota
	// opAny matches the documents that at least min children match, scoring best + tie*(sum-best), times
	// (matched/children)^coord: tie 0 is a dis_max, tie 1 a plain sum; coord 0 ignores how many matched.
	// Unlike Bleve's disjunction, a clause with many alternatives is not punished for each one a document
	// lacks.
	opAny
	// opAll matches the documents that every child matches, scoring the sum (Bleve's conjunction).
	opAll
	// opSum matches the documents that any child matches, scoring the sum times the share of children
	// matched (Bleve's disjunction: the fuzzy neighbours of a word).
	opSum
	// opBool matches what kids[0] matches; kids[1], when present, only adds to the score.
	opBool
)

// node is one node of a query plan, built in code from the words of a query (query.go) and run by the
// engine (engine.go).
type node struct {
	op          nodeOp
	field, term string  // opTerm
	boost       float64 // opTerm
	kids        []*node
	min         int     // opAny
	tie, coord  float64 // opAny
	leaf        int     // opTerm: index in the engine's leaf table
}

func termNode(field, term string, boost float64) *node {
	return &node{op: opTerm, field: field, term: term, boost: boost}
}

// newAny builds an opAny node, or returns the clause itself when there is one and no minimum beyond it.
func newAny(clauses []*node, min int, tie, coord float64) *node {
	switch {
	case len(clauses) == 0:
		return nil
	case len(clauses) == 1 && min <= 1:
		return clauses[0]
	}
	return &node{op: opAny, kids: clauses, min: max(1, min), tie: tie, coord: coord}
}

// walk calls f on n and its descendants, depth first.
func (n *node) walk(f func(*node)) {
	if n == nil {
		return
	}
	f(n)
	for _, k := range n.kids {
		k.walk(f)
	}
}

// MarshalJSON shows the plan, for logs and debugging.
func (n *node) MarshalJSON() ([]byte, error) {
	switch n.op {
	case opTerm:
		return json.Marshal(map[string]any{"term": n.term, "field": n.field, "boost": n.boost})
	case opAny:
		return json.Marshal(map[string]any{"any": n.kids, "min": n.min, "tie": n.tie, "coord": n.coord})
	case opAll:
		return json.Marshal(map[string]any{"all": n.kids})
	case opSum:
		return json.Marshal(map[string]any{"sum": n.kids})
	default:
		return json.Marshal(map[string]any{"must": n.kids[0], "should": n.kids[1:]})
	}
}

// String is the plan as JSON.
func (n *node) String() string {
	var b strings.Builder
	_ = json.NewEncoder(&b).Encode(n)
	return strings.TrimSpace(b.String())
}
