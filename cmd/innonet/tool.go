package main

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/hanoi-innovation/innonet/app"
	"github.com/hanoi-innovation/innonet/models"
	"github.com/hanoi-innovation/innonet/search"
)

// tool is a store, and the index when it is free, for the command-line tools.
type tool struct {
	store models.Store
	index *search.Index
	svc   *app.Service
}

// indexUse says what a tool needs of the search index.
type indexUse int

const (
	indexNone     indexUse = iota // the store only
	indexIfFree                   // the index unless a running server holds it (that server indexes instead)
	indexRequired                 // the index, or fail
)

// openTool opens the store and, as use asks, the index, and wires the use cases over them.
func openTool(ctx context.Context, cfg Config, e env, use indexUse) (*tool, error) {
	logger, err := newLogger(e.stderr, "warn")
	if err != nil {
		return nil, err
	}
	tax, err := models.LoadTaxonomy()
	if err != nil {
		return nil, err
	}
	t := &tool{}
	if t.store, err = openStore(ctx, cfg); err != nil {
		return nil, err
	}
	if use != indexNone {
		if t.index, err = openIndex(cfg, tax); err != nil {
			if use == indexRequired || !errors.Is(err, search.ErrLocked) {
				t.Close()
				return nil, err
			}
			t.index = nil
		}
	}
	if t.svc, _, err = newService(cfg, t.store, tax, models.SystemClock{}, logger); err != nil {
		t.Close()
		return nil, err
	}
	if t.index != nil {
		t.svc.Index = t.index
	}
	return t, nil
}

// followWhile keeps the index caught up with the store in the background, so that indexing overlaps the
// store writes; the returned function stops it after a last catch-up and says how many changes it applied.
func (t *tool) followWhile(ctx context.Context) func() (int, error) {
	if t.index == nil {
		return func() (int, error) { return 0, nil }
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var total int
	var err error
	wg.Go(func() {
		for {
			n, e := t.svc.CatchUp(ctx, nil)
			total += n
			if e != nil {
				err = e
				return
			}
			select {
			case <-stop:
				return
			case <-t.svc.IndexKicked():
			case <-time.After(time.Second):
			}
		}
	})
	return func() (int, error) {
		close(stop)
		wg.Wait()
		if err != nil {
			return total, err
		}
		n, e := t.svc.CatchUp(ctx, nil)
		return total + n, e
	}
}

func (t *tool) Close() {
	if t.index != nil {
		_ = t.index.Close()
	}
	if t.store != nil {
		_ = t.store.Close()
	}
}
