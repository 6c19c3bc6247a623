package main

import (
	"context"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// tally counts what one cycle's clients saw acknowledged.
type tally struct {
	updates, challenges, published, interests atomic.Int64
}

// cycle runs the writers, kills the server at a random moment, restarts it and checks.
func (w *world) cycle(ctx context.Context, n int) error {
	var t tally
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for i, s := range w.solvers {
		rng := rand.New(rand.NewPCG(w.c.Seed, uint64(n*1000+i)))
		wg.Go(func() { w.solverLoop(ctx, s, rng, stop, &t) })
	}
	for i, a := range w.agencies {
		rng := rand.New(rand.NewPCG(w.c.Seed, uint64(n*1000+500+i)))
		wg.Go(func() { w.agencyLoop(ctx, a, rng, stop, &t) })
	}
	after := w.c.MinRun + time.Duration(w.rng.Int64N(int64(w.c.MaxRun-w.c.MinRun)+1))
	time.Sleep(after)
	w.srv.Kill()
	time.Sleep(100 * time.Millisecond) // mails whose last byte was written before the kill reach the mailbox
	window, err := w.snapshotAtKill(ctx)
	if err != nil {
		return err
	}
	close(stop)
	wg.Wait()
	if err := w.start(ctx); err != nil {
		return fmt.Errorf("restarting: %w", err)
	}
	cr, err := w.check(ctx)
	if err != nil {
		return err
	}
	w.sum.add(&t, cr)
	fmt.Fprintf(w.out, "cycle %d/%d: killed after %.2fs; acknowledged %d updates, %d challenges (%d published), %d interests; "+
		"lost %d; index: members %d/%d, challenges %d/%d (store/index), mismatches %d; mail: %d received, %d in the kill window\n",
		n, w.c.Cycles, after.Seconds(), t.updates.Load(), t.challenges.Load(), t.published.Load(), t.interests.Load(),
		cr.lost, cr.storeMembers, cr.indexMembers, cr.storeChallenges, cr.indexChallenges, cr.mismatches,
		len(w.mb.receipts()), window)
	return nil
}

// snapshotAtKill records, with the server dead, which received mails the store had not recorded as sent:
// those will be sent again once their lease ends (at least once), so a second receipt of them is expected.
func (w *world) snapshotAtKill(ctx context.Context) (int, error) {
	got := w.mb.receipts()
	v, err := readStore(ctx, w.c.Data)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, r := range got {
		if o, ok := v.Outbox[r.MessageID]; ok && !o.Sent && !w.windowed[r.MessageID] {
			w.windowed[r.MessageID] = true
			n++
		}
	}
	return n, nil
}

func stopped(stop chan struct{}) bool {
	select {
	case <-stop:
		return true
	default:
		return false
	}
}

func token(rng *rand.Rand) string {
	b := make([]byte, 8)
	for i := range b {
		b[i] = byte(rng.UintN(256))
	}
	return "tk" + hex.EncodeToString(b)
}

// solverLoop updates the profile (with If-Match) and responds to acknowledged open challenges.
func (w *world) solverLoop(ctx context.Context, s *solver, rng *rand.Rand, stop chan struct{}, t *tally) {
	for !stopped(stop) {
		if open := w.openChallenges(); rng.IntN(10) < 3 && len(open) > 0 {
			id := open[rng.IntN(len(open))]
			if s.responded[id] {
				continue
			}
			r, err := w.as(ctx, &s.Account, http.MethodPost, "/api/v1/challenges/"+id+"/interests", map[string]string{"kind": "interest"}, nil)
			switch {
			case err != nil:
				time.Sleep(20 * time.Millisecond)
			case r.Status == http.StatusCreated:
				var in struct {
					ID string `json:"id"`
				}
				if r.Decode(&in) == nil {
					s.interests[id] = in.ID
					s.responded[id] = true
					t.interests.Add(1)
				}
			case r.Status == http.StatusConflict:
				s.responded[id] = true // an earlier attempt went in without its answer
			}
			continue
		}
		tok := token(rng)
		s.attempted = append(s.attempted, tok)
		r, err := w.as(ctx, &s.Account, http.MethodPatch, "/api/v1/members/"+s.MemberID,
			map[string]any{"headline": "Cập nhật " + tok}, map[string]string{"If-Match": s.etag})
		switch {
		case err != nil:
			time.Sleep(20 * time.Millisecond)
		case r.Status == http.StatusOK:
			if s.acked != "" {
				s.previous = append(s.previous, s.acked)
			}
			s.acked, s.attempted, s.etag = tok, nil, r.Header.Get("ETag")
			t.updates.Add(1)
		case r.Status == http.StatusPreconditionFailed:
			if g, err := w.as(ctx, &s.Account, http.MethodGet, "/api/v1/members/"+s.MemberID, nil, nil); err == nil {
				s.etag = g.Header.Get("ETag")
			}
		}
		time.Sleep(time.Duration(10+rng.IntN(30)) * time.Millisecond)
	}
}

// agencyLoop creates and publishes challenges; each publication fans out match notifications and mails.
func (w *world) agencyLoop(ctx context.Context, a *agency, rng *rand.Rand, stop chan struct{}, t *tally) {
	for !stopped(stop) {
		time.Sleep(time.Duration(100+rng.IntN(200)) * time.Millisecond)
		tok := token(rng)
		body := map[string]any{"title": "Bài toán kiểm thử " + tok, "required_skills": skills[:2+rng.IntN(2)],
			"sectors":     []string{"mobility"},
			"description": "Cần giải pháp giao thông thông minh dùng cảm biến IoT và phân tích dữ liệu, mã " + tok + "."}
		r, err := w.as(ctx, &a.Account, http.MethodPost, "/api/v1/challenges", body, nil)
		if err != nil || r.Status != http.StatusCreated {
			continue
		}
		var ch struct {
			ID string `json:"id"`
		}
		if r.Decode(&ch) != nil {
			continue
		}
		c := &challenge{token: tok}
		a.challenges[ch.ID] = c
		t.challenges.Add(1)
		r, err = w.as(ctx, &a.Account, http.MethodPost, "/api/v1/challenges/"+ch.ID+"/publish", nil, nil)
		if err == nil && r.Status == http.StatusOK {
			c.published = true
			t.published.Add(1)
			w.mu.Lock()
			w.open = append(w.open, ch.ID)
			w.mu.Unlock()
		}
	}
}
