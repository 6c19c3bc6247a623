package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// checkResult is what one restart's checks found.
type checkResult struct {
	lost                             int // acknowledged writes missing
	mismatches                       int // index entries missing, extra or stale
	storeMembers, indexMembers       int
	storeChallenges, indexChallenges int
}

// check runs after a restart (with /readyz 200): acknowledged writes are there, and the index equals the store.
func (w *world) check(ctx context.Context) (*checkResult, error) {
	cr := &checkResult{}
	for _, s := range w.solvers {
		if err := w.checkSolver(ctx, s, cr); err != nil {
			return nil, err
		}
	}
	for _, a := range w.agencies {
		for id, c := range a.challenges {
			r, err := w.as(ctx, &a.Account, http.MethodGet, "/api/v1/challenges/"+id, nil, nil)
			if err != nil {
				return nil, err
			}
			var got struct {
				Status string `json:"status"`
			}
			if r.Status != http.StatusOK || r.Decode(&got) != nil || c.published && got.Status != "open" {
				cr.lost++
				fmt.Fprintf(w.out, "  LOST: challenge %s (published %v): %d %s\n", id, c.published, r.Status, got.Status)
			}
		}
	}
	if err := w.compareIndex(ctx, cr); err != nil {
		return nil, err
	}
	return cr, nil
}

// checkSolver checks the profile (the last acknowledged headline, or one sent after it) and the interests,
// and that the index finds the member by its headline and name, and no longer by a replaced headline.
func (w *world) checkSolver(ctx context.Context, s *solver, cr *checkResult) error {
	r, err := w.as(ctx, &s.Account, http.MethodGet, "/api/v1/members/"+s.MemberID, nil, nil)
	if err != nil {
		return err
	}
	var m struct {
		Headline string `json:"headline"`
	}
	if r.Status != http.StatusOK || r.Decode(&m) != nil {
		return fmt.Errorf("reading %s: %d", s.MemberID, r.Status)
	}
	got := strings.TrimPrefix(m.Headline, "Cập nhật ")
	if s.acked != "" && got != s.acked && !slices.Contains(s.attempted, got) {
		cr.lost++
		fmt.Fprintf(w.out, "  LOST: %s has headline %q, acknowledged %q\n", s.MemberID, got, s.acked)
	}
	if got != s.acked && strings.HasPrefix(got, "tk") {
		if s.acked != "" {
			s.previous = append(s.previous, s.acked)
		}
		s.acked = got
	}
	s.attempted, s.etag = nil, r.Header.Get("ETag")
	mine, err := w.myInterests(ctx, s)
	if err != nil {
		return err
	}
	for ch, id := range s.interests {
		if !mine[id] {
			cr.lost++
			fmt.Fprintf(w.out, "  LOST: interest %s of %s in %s\n", id, s.MemberID, ch)
		}
	}
	if strings.HasPrefix(got, "tk") {
		if ok, err := w.finds(ctx, "/api/v1/members", got, s.MemberID); err != nil || !ok {
			cr.mismatches++
			fmt.Fprintf(w.out, "  INDEX: %s not found by its headline %s (%v)\n", s.MemberID, got, err)
		}
	}
	if ok, err := w.finds(ctx, "/api/v1/members", s.Name, s.MemberID); err != nil || !ok {
		cr.mismatches++
		fmt.Fprintf(w.out, "  INDEX: %s not found by its name (%v)\n", s.MemberID, err)
	}
	if n := len(s.previous); n > 0 {
		old := s.previous[n-1]
		if ok, err := w.finds(ctx, "/api/v1/members", old, s.MemberID); err != nil || ok {
			cr.mismatches++
			fmt.Fprintf(w.out, "  INDEX: %s still found by its replaced headline %s (%v)\n", s.MemberID, old, err)
		}
	}
	return nil
}

func (w *world) myInterests(ctx context.Context, s *solver) (map[string]bool, error) {
	out := map[string]bool{}
	for page := 1; ; page++ {
		r, err := w.as(ctx, &s.Account, http.MethodGet, fmt.Sprintf("/api/v1/me/interests?per_page=100&page=%d", page), nil, nil)
		if err != nil {
			return nil, err
		}
		var l struct {
			Items []struct {
				ID string `json:"id"`
			} `json:"items"`
			Total int `json:"total"`
		}
		if r.Status != http.StatusOK || r.Decode(&l) != nil {
			return nil, fmt.Errorf("listing the interests of %s: %d", s.MemberID, r.Status)
		}
		for _, it := range l.Items {
			out[it.ID] = true
		}
		if len(l.Items) == 0 || page*100 >= l.Total {
			return out, nil
		}
	}
}

// finds says whether searching path for q returns id on the first page.
func (w *world) finds(ctx context.Context, path, q, id string) (bool, error) {
	ids, _, err := w.list(ctx, path+"?per_page=50&q="+url.QueryEscape(q), 1)
	return ids[id], err
}

// list pages through a listing and returns its ids and total; pages bounds how many pages are read.
func (w *world) list(ctx context.Context, path string, pages int) (map[string]bool, int, error) {
	ids := map[string]bool{}
	total := 0
	for page := 1; page <= pages; page++ {
		r, err := w.cl.Do(ctx, http.MethodGet, fmt.Sprintf("%s&page=%d", path, page), "", nil, nil)
		if err != nil {
			return ids, 0, err
		}
		var l struct {
			Items []struct {
				ID string `json:"id"`
			} `json:"items"`
			Total int `json:"total"`
		}
		if r.Status != http.StatusOK || r.Decode(&l) != nil {
			return ids, 0, fmt.Errorf("GET %s: %d %.200s", path, r.Status, r.Body)
		}
		total = l.Total
		for _, it := range l.Items {
			ids[it.ID] = true
		}
		if len(l.Items) == 0 || page*100 >= l.Total {
			break
		}
	}
	return ids, total, nil
}

// compareIndex lists members and challenges from the store (no text, no facets) and from the index (facets
// ask the index), and compares the sets and totals.
func (w *world) compareIndex(ctx context.Context, cr *checkResult) error {
	for _, k := range []struct{ path, facet string }{{"/api/v1/members", "kind"}, {"/api/v1/challenges", "status"}} {
		store, storeTotal, err := w.list(ctx, k.path+"?per_page=100", 1000)
		if err != nil {
			return err
		}
		index, indexTotal, err := w.list(ctx, k.path+"?per_page=100&facets="+k.facet, 1000)
		if err != nil {
			return err
		}
		bad := 0
		if storeTotal != indexTotal {
			bad++
		}
		for id := range store {
			if !index[id] {
				bad++
			}
		}
		for id := range index {
			if !store[id] {
				bad++
			}
		}
		if bad > 0 {
			fmt.Fprintf(w.out, "  INDEX: %s: store %d, index %d, %d differences\n", k.path, storeTotal, indexTotal, bad)
		}
		cr.mismatches += bad
		if k.facet == "kind" {
			cr.storeMembers, cr.indexMembers = storeTotal, indexTotal
		} else {
			cr.storeChallenges, cr.indexChallenges = storeTotal, indexTotal
		}
	}
	return nil
}
