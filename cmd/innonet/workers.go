package main

import (
	"context"
	"sync"
	"time"
)

const (
	indexFollowEvery = 500 * time.Millisecond
	jobsEvery        = 2 * time.Second
	outboxEvery      = 5 * time.Second
	digestsEvery     = time.Minute
	deadlinesEvery   = time.Minute
)

// startWorkers runs the background work of an instance until ctx ends: the index follows the store, durable
// jobs (match fan-outs) run, the outbox sends email and the digests go out. The returned group is done when
// they have all stopped.
func (in *Instance) startWorkers(ctx context.Context) *sync.WaitGroup {
	var wg sync.WaitGroup
	wg.Go(func() { in.followIndex(ctx) })
	wg.Go(func() { in.runJobs(ctx) })
	wg.Go(func() { in.Outbox.Run(ctx, outboxEvery) })
	wg.Go(func() { in.Digests.Run(ctx, digestsEvery) })
	wg.Go(func() { in.closeExpired(ctx, deadlinesEvery) })
	return &wg
}

// followIndex catches the index up with the store at start, then after every write and every half second, so
// that a crash between a store write and its indexing, or a write by another instance, converges.
func (in *Instance) followIndex(ctx context.Context) {
	tick := time.NewTicker(indexFollowEvery)
	defer tick.Stop()
	for {
		start := time.Now()
		n, err := in.Service.CatchUp(ctx, nil)
		switch {
		case err != nil && ctx.Err() == nil:
			in.Logger.Error("index catch-up", "err", err)
		case err == nil && !in.indexReady.Load():
			if lag, err := in.Service.IndexLag(ctx); err == nil && lag == 0 {
				in.indexReady.Store(true)
				in.Logger.Info("search index caught up", "changes", n, "took_ms", time.Since(start).Milliseconds())
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-in.Service.IndexKicked():
		}
	}
}

// runJobs runs durable jobs as they are written, and retries failed ones when due.
func (in *Instance) runJobs(ctx context.Context) {
	tick := time.NewTicker(jobsEvery)
	defer tick.Stop()
	for {
		if _, err := in.Service.RunJobs(ctx); err != nil && ctx.Err() == nil {
			in.Logger.Error("jobs", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-in.Service.JobsKicked():
		}
	}
}

// closeExpired closes the open challenges whose deadline has passed, at start and then every period. The
// use cases refuse responses past a deadline on their own, so the period only bounds how long the status lags.
func (in *Instance) closeExpired(ctx context.Context, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		if _, err := in.Service.CloseExpired(ctx); err != nil && ctx.Err() == nil {
			in.Logger.Error("closing challenges past their deadline", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
