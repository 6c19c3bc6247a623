package main

import (
	"context"
	"errors"

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

// indexAlong makes an import index what it writes as it goes, when the tool holds the index. The returned
// function, called after the import's Finish, catches the index up with whatever the import did not hand
// over (see app.Importer.IndexAsItGoes) and returns how many documents the index holds.
func (t *tool) indexAlong(ctx context.Context, im *app.Importer) func() (uint64, error) {
	if t.index == nil {
		return func() (uint64, error) { return 0, nil }
	}
	im.IndexAsItGoes(ctx)
	return func() (uint64, error) {
		if _, err := t.svc.CatchUp(ctx, nil); err != nil {
			return 0, err
		}
		return t.index.DocCount()
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
