package search

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
)

// EvalQuery is one query of an evaluation set (search_queries.jsonl).
type EvalQuery struct {
	ID   string `json:"id"`
	Text string `json:"text"`
	Type string `json:"type"`
}

// Qrels holds graded judgments: query (or challenge) id -> member id -> grade (0 to 3).
type Qrels map[string]map[string]int

// Ranker returns the ids of the members found for a query, best first (at least 50 when it can).
type Ranker func(ctx context.Context, q EvalQuery) ([]string, error)

// Metrics are the relevance figures of one query or the mean over several.
type Metrics struct {
	NDCG10   float64 `json:"ndcg_10"`
	MRR10    float64 `json:"mrr_10"`
	Recall50 float64 `json:"recall_50"`
	Queries  int     `json:"queries"`
}

// EvalReport is the outcome of Evaluate: overall, per query type and per query.
type EvalReport struct {
	Overall  Metrics             `json:"overall"`
	ByType   map[string]Metrics  `json:"by_type"`
	PerQuery map[string]Metrics  `json:"per_query"`
	Rankings map[string][]string `json:"-"`
}

// LoadQueries reads a JSON-lines file of queries.
func LoadQueries(path string) ([]EvalQuery, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []EvalQuery
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var q EvalQuery
		if err := json.Unmarshal([]byte(line), &q); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		out = append(out, q)
	}
	return out, sc.Err()
}

// LoadQrels reads a tab-separated judgments file: query id, member id, grade; a header line is skipped.
func LoadQrels(path string) (Qrels, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := Qrels{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		cols := strings.Fields(sc.Text())
		if len(cols) == 0 {
			continue
		}
		if len(cols) != 3 {
			return nil, fmt.Errorf("%s:%d: want 3 columns, got %d", path, n, len(cols))
		}
		grade, err := strconv.Atoi(cols[2])
		if err != nil {
			if n == 1 {
				continue
			}
			return nil, fmt.Errorf("%s:%d: grade %q: %w", path, n, cols[2], err)
		}
		if out[cols[0]] == nil {
			out[cols[0]] = map[string]int{}
		}
		out[cols[0]][cols[1]] = grade
	}
	return out, sc.Err()
}

// Evaluate ranks every query and scores the rankings against the judgments: nDCG@10 (gain = grade, log2
// discount, ideal over all judged items), MRR@10 (first item with grade >= 2) and Recall@50 (items with
// grade >= 1). Unjudged items count as not relevant. Means are over queries, overall and per type.
func Evaluate(ctx context.Context, queries []EvalQuery, qrels Qrels, rank Ranker) (*EvalReport, error) {
	rep := &EvalReport{ByType: map[string]Metrics{}, PerQuery: map[string]Metrics{}, Rankings: map[string][]string{}}
	sums := map[string]*Metrics{"": {}}
	for _, q := range queries {
		ids, err := rank(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("query %s: %w", q.ID, err)
		}
		m := Score(ids, qrels[q.ID])
		rep.PerQuery[q.ID] = m
		rep.Rankings[q.ID] = ids
		for _, key := range []string{"", q.Type} {
			if sums[key] == nil {
				sums[key] = &Metrics{}
			}
			s := sums[key]
			s.NDCG10 += m.NDCG10
			s.MRR10 += m.MRR10
			s.Recall50 += m.Recall50
			s.Queries++
		}
	}
	for key, s := range sums {
		if s.Queries > 0 {
			n := float64(s.Queries)
			s.NDCG10, s.MRR10, s.Recall50 = s.NDCG10/n, s.MRR10/n, s.Recall50/n
		}
		if key == "" {
			rep.Overall = *s
		} else {
			rep.ByType[key] = *s
		}
	}
	return rep, nil
}

// Score computes the metrics of one ranking against the judgments of its query.
func Score(ids []string, judged map[string]int) Metrics {
	m := Metrics{Queries: 1}
	var dcg float64
	for i, id := range ids {
		g := judged[id]
		if i < 10 {
			dcg += float64(g) / math.Log2(float64(i+2))
			if g >= 2 && m.MRR10 == 0 {
				m.MRR10 = 1 / float64(i+1)
			}
		}
	}
	grades := make([]int, 0, len(judged))
	relevant := 0
	for _, g := range judged {
		grades = append(grades, g)
		if g >= 1 {
			relevant++
		}
	}
	sort.Sort(sort.Reverse(sort.IntSlice(grades)))
	var idcg float64
	for i := 0; i < len(grades) && i < 10; i++ {
		idcg += float64(grades[i]) / math.Log2(float64(i+2))
	}
	if idcg > 0 {
		m.NDCG10 = dcg / idcg
	}
	if relevant > 0 {
		found := 0
		for i := 0; i < len(ids) && i < 50; i++ {
			if judged[ids[i]] >= 1 {
				found++
			}
		}
		m.Recall50 = float64(found) / float64(relevant)
	}
	return m
}

// Table formats the report: one line per query type, then the overall line.
func (r *EvalReport) Table() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-12s %3s %8s %8s %9s\n", "type", "n", "nDCG@10", "MRR@10", "Recall@50")
	types := make([]string, 0, len(r.ByType))
	for t := range r.ByType {
		types = append(types, t)
	}
	sort.Strings(types)
	line := func(name string, m Metrics) {
		fmt.Fprintf(&b, "%-12s %3d %8.3f %8.3f %9.3f\n", name, m.Queries, m.NDCG10, m.MRR10, m.Recall50)
	}
	for _, t := range types {
		line(t, r.ByType[t])
	}
	line("overall", r.Overall)
	return b.String()
}

// MemberRanker ranks members with SearchMembers, returning the top 50.
func (ix *Index) MemberRanker() Ranker {
	return func(ctx context.Context, q EvalQuery) ([]string, error) {
		res, err := ix.SearchMembers(ctx, MemberQuery{Text: q.Text, PerPage: 50})
		if err != nil {
			return nil, err
		}
		ids := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			ids[i] = h.ID
		}
		return ids, nil
	}
}
