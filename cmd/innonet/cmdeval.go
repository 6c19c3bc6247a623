package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hanoi-innovation/innonet/models"
	"github.com/hanoi-innovation/innonet/search"
)

// cmdEval measures relevance on graded judgments: directory search (--queries with --qrels) or challenge
// matching (--matches with --qrels), over the data in the data dir.
func cmdEval(ctx context.Context, args []string, e env) error {
	var cfg Config
	fs := cfg.flagSet("eval", e.stderr, e.getenv)
	queriesFile := fs.String("queries", "", "search queries, JSON lines {id, text, type}")
	qrelsFile := fs.String("qrels", "", "graded judgments, TSV: query or challenge id, member id, grade")
	matches := fs.Bool("matches", false, "evaluate challenge -> member matching on the judged challenges")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	if err := cfg.parse(fs, args); err != nil {
		return err
	}
	if *qrelsFile == "" || (*queriesFile == "") == !*matches {
		return usageError{"give --qrels FILE and either --queries FILE or --matches"}
	}
	qrels, err := search.LoadQrels(*qrelsFile)
	if err != nil {
		return err
	}
	t, err := openTool(ctx, cfg, e, indexRequired)
	if err != nil {
		return err
	}
	defer t.Close()
	if _, err := t.svc.CatchUp(ctx, nil); err != nil {
		return err
	}
	var queries []search.EvalQuery
	var rank search.Ranker
	if *matches {
		for id := range qrels {
			queries = append(queries, search.EvalQuery{ID: id, Text: id, Type: "match"})
		}
		operator := &models.Principal{AccountID: "cli", Role: models.RoleAdmin}
		rank = func(ctx context.Context, q search.EvalQuery) ([]string, error) {
			ms, _, err := t.svc.MatchesFor(ctx, operator, q.ID, "")
			ids := make([]string, len(ms))
			for i, m := range ms {
				ids[i] = m.MemberID
			}
			return ids, err
		}
	} else {
		if queries, err = search.LoadQueries(*queriesFile); err != nil {
			return err
		}
		rank = func(ctx context.Context, q search.EvalQuery) ([]string, error) {
			res, err := t.svc.SearchMembers(ctx, models.MemberQuery{Text: q.Text, PerPage: 50})
			if err != nil {
				return nil, err
			}
			ids := make([]string, len(res.Members))
			for i, m := range res.Members {
				ids[i] = m.ID
			}
			return ids, nil
		}
	}
	report, err := search.Evaluate(ctx, queries, qrels, rank)
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(e.stdout).Encode(report)
	}
	fmt.Fprint(e.stdout, report.Table())
	return nil
}
