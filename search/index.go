package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	index "github.com/blevesearch/bleve_index_api"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/hanoi-innovation/innonet/models"
)

// ErrVersionMismatch is returned by Open when the index on disk was built with another IndexVersion (or
// cannot be read by this build): the caller must rebuild it from the store, or set Options.ResetOnMismatch.
var ErrVersionMismatch = errors.New("search: index version mismatch, rebuild needed")

// ErrLocked is returned by Open when another process holds the index for longer than Options.OpenTimeout.
var ErrLocked = errors.New("search: index is locked by another process")

// Keys of the values the index keeps beside the documents.
var (
	keyVersion    = []byte("innonet.index_version")
	keyCheckpoint = []byte("innonet.checkpoint")
)

// Options tune Open.
type Options struct {
	// OpenTimeout bounds the wait for the index's exclusive lock; 5s when zero.
	OpenTimeout time.Duration
	// ResetOnMismatch deletes an index of another version and creates an empty one (checkpoint 0) instead of
	// returning ErrVersionMismatch, so the caller's catch-up rebuilds it.
	ResetOnMismatch bool
	// PostingsCache is how many bytes of decoded postings the engine keeps for the terms searched most;
	// DefaultPostingsCache when zero, none when negative.
	PostingsCache int64
}

// Index is the search index of members and challenges, derived from the store. It is safe for concurrent
// use; Apply calls are serialized.
type Index struct {
	bi    bleve.Index
	tax   *models.Taxonomy
	gloss *Glossary
	dir   string
	tune  tuning

	caches     segCaches // what the engine knows of each segment
	exhaustive bool      // rank every match exactly, for tests
	skills     struct {  // the skills of the index, for typeahead
		mu    sync.Mutex
		sig   string // the segments they were read from
		table []skillEntry
	}

	mu sync.Mutex // serializes Apply, so the checkpoint never moves backwards
}

// Open opens the index in dir, creating it when dir holds none. tax labels sectors in the indexed text and
// the suggestions.
func Open(dir string, tax *models.Taxonomy, opts Options) (*Index, error) {
	if opts.OpenTimeout <= 0 {
		opts.OpenTimeout = 5 * time.Second
	}
	gloss, err := DefaultGlossary()
	if err != nil {
		return nil, err
	}
	bi, err := openBleve(dir, opts)
	if errors.Is(err, ErrVersionMismatch) && opts.ResetOnMismatch {
		if err = os.RemoveAll(dir); err != nil {
			return nil, fmt.Errorf("search: reset index: %w", err)
		}
		bi, err = openBleve(dir, opts)
	}
	if err != nil {
		return nil, err
	}
	ix := &Index{bi: bi, tax: tax, gloss: gloss, dir: dir, tune: defaultTuning()}
	switch {
	case opts.PostingsCache == 0:
		ix.caches.budget = DefaultPostingsCache
	case opts.PostingsCache > 0:
		ix.caches.budget = opts.PostingsCache
	}
	return ix, nil
}

func openBleve(dir string, opts Options) (bleve.Index, error) {
	config := map[string]any{"bolt_timeout": opts.OpenTimeout.String()}
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); errors.Is(err, os.ErrNotExist) {
		im, err := newMapping()
		if err != nil {
			return nil, fmt.Errorf("search: mapping: %w", err)
		}
		bi, err := bleve.NewUsing(dir, im, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, config)
		if err != nil {
			return nil, openError(dir, opts, err)
		}
		if err := bi.SetInternal(keyVersion, []byte(strconv.Itoa(IndexVersion))); err != nil {
			_ = bi.Close()
			return nil, fmt.Errorf("search: create index: %w", err)
		}
		return bi, nil
	}
	bi, err := bleve.OpenUsing(dir, config)
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, openError(dir, opts, err)
		}
		return nil, fmt.Errorf("%w: %s: %v", ErrVersionMismatch, dir, err)
	}
	v, err := bi.GetInternal(keyVersion)
	if err != nil || string(v) != strconv.Itoa(IndexVersion) {
		_ = bi.Close()
		return nil, fmt.Errorf("%w: %s has version %q, this build needs %d", ErrVersionMismatch, dir, v, IndexVersion)
	}
	return bi, nil
}

func openError(dir string, opts Options, err error) error {
	if errors.Is(err, bolterrors.ErrTimeout) {
		return fmt.Errorf("%w: %s (waited %s; is another innonet running on this data dir?)", ErrLocked, dir, opts.OpenTimeout)
	}
	return fmt.Errorf("search: open %s: %w", dir, err)
}

// Close releases the index and its lock, after any Apply in progress.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.bi.Close()
}

// Apply writes changes from the store's change feed, together with the new checkpoint (the highest Seq
// seen, never lower than the stored one). Published members and non-draft challenges are indexed; drafts,
// tombstones and anything else are removed; of several changes to one document, the last wins. Replaying
// a change is harmless.
//
// Documents are built (analyzed) on every core, then written as one Bleve batch with the checkpoint or,
// when there are many, as one batch per core written concurrently (each builds its own segment) and, once
// they are all durable, a last batch with the checkpoint: after a crash, the checkpoint never covers a
// change that is not in the index.
func (ix *Index) Apply(ctx context.Context, changes []models.Change) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	cp, err := ix.Checkpoint()
	if err != nil {
		return err
	}
	return ix.apply(cp, changes)
}

// ApplyAfter is Apply for changes that directly follow the checkpoint after, as a bulk import that knows
// the Seqs of its own writes hands them over without reading them back from the store. When the index's
// checkpoint is not after (the index fell behind, or something else applied first) it applies nothing and
// reports false: the caller then catches up from the change feed.
func (ix *Index) ApplyAfter(ctx context.Context, after int64, changes []models.Change) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	cp, err := ix.Checkpoint()
	if err != nil || cp != after {
		return false, err
	}
	return true, ix.apply(cp, changes)
}

// apply writes changes and the checkpoint (at least cp); ix.mu is held.
func (ix *Index) apply(cp int64, changes []models.Change) error {
	type op struct {
		id string
		c  *models.Change
	}
	var ops []op
	seen := make(map[string]int, len(changes))
	for k := range changes {
		c := &changes[k]
		cp = max(cp, c.Seq)
		var id string
		switch c.Type {
		case models.EntityMember:
			id = memberPrefix + c.ID
		case models.EntityChallenge:
			id = challengePrefix + c.ID
		default:
			continue
		}
		if at, ok := seen[id]; ok {
			ops[at].c = c
			continue
		}
		seen[id] = len(ops)
		ops = append(ops, op{id, c})
	}
	docs := make([]index.Document, len(ops)) // nil: delete
	build := func(k int) {
		c := ops[k].c
		switch {
		case c.Type == models.EntityMember && !c.Deleted && c.Member != nil && c.Member.Published():
			docs[k] = memberDocument(c.Member, ix.tax)
		case c.Type == models.EntityChallenge && !c.Deleted && c.Challenge != nil && c.Challenge.Status != models.ChallengeDraft:
			docs[k] = challengeDocument(c.Challenge, ix.tax)
		}
	}
	// Build the documents on every core, in chunks taken in turn.
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), (len(ops)+buildChunk-1)/buildChunk) {
		wg.Go(func() {
			for {
				from := int(next.Add(buildChunk)) - buildChunk
				if from >= len(ops) {
					return
				}
				for k := from; k < min(from+buildChunk, len(ops)); k++ {
					build(k)
				}
			}
		})
	}
	wg.Wait()
	parts := 1
	if len(ops) >= minPartDocs*2 {
		parts = min(runtime.GOMAXPROCS(0), len(ops)/minPartDocs, maxParts)
	}
	errs := make([]error, parts)
	adv, err := ix.bi.Advanced()
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	for p := 0; p < parts; p++ {
		wg.Add(1)
		go func(p int) {
			defer wg.Done()
			from, to := p*len(ops)/parts, (p+1)*len(ops)/parts
			b := index.NewBatch()
			for k := from; k < to; k++ {
				if docs[k] != nil {
					b.Update(docs[k])
				} else {
					b.Delete(ops[k].id)
				}
			}
			if parts == 1 {
				b.SetInternal(keyCheckpoint, []byte(strconv.FormatInt(cp, 10)))
			}
			errs[p] = adv.Batch(b)
		}(p)
	}
	wg.Wait()
	for _, d := range docs {
		if d != nil {
			d.(*idxDoc).release()
		}
	}
	for _, err := range errs {
		if err != nil {
			return fmt.Errorf("search: apply batch: %w", err)
		}
	}
	if parts > 1 {
		b := index.NewBatch()
		b.SetInternal(keyCheckpoint, []byte(strconv.FormatInt(cp, 10)))
		if err := adv.Batch(b); err != nil {
			return fmt.Errorf("search: apply checkpoint: %w", err)
		}
	}
	return nil
}

// Apply writes a batch per core when each gets at least minPartDocs documents, and at most maxParts:
// each batch builds a segment on its own core, but smaller segments cost more to build and to merge, and
// during an import the store's writes want a core too. Documents are built buildChunk at a time.
const (
	minPartDocs = 2000
	maxParts    = 4
	buildChunk  = 64
)

// Optimize merges the index's segments down to the merge policy's budget now, instead of in the
// background: after a bulk import (thousands of small batches leave many small segments and pending
// merges), so that a server starting on the index neither queries many segments nor merges them while it
// serves. It returns when the merges are done or ctx is done.
func (ix *Index) Optimize(ctx context.Context) error {
	adv, err := ix.bi.Advanced()
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return errNotScorch
	}
	opts := mergeplan.DefaultMergePlanOptions
	last := -1
	for round := 0; round < 4; round++ {
		n := ix.segmentCount(ctx)
		if n <= 1 || n == last {
			return nil
		}
		last = n
		if err := s.ForceMerge(ctx, &opts); err != nil {
			return fmt.Errorf("search: optimize: %w", err)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}

// Checkpoint returns the highest change Seq that the index holds (0 for a new index).
func (ix *Index) Checkpoint() (int64, error) {
	v, err := ix.bi.GetInternal(keyCheckpoint)
	if err != nil {
		return 0, fmt.Errorf("search: read checkpoint: %w", err)
	}
	if len(v) == 0 {
		return 0, nil
	}
	cp, err := strconv.ParseInt(string(v), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("search: bad checkpoint %q: %w", v, err)
	}
	return cp, nil
}

// DocCount returns the number of documents (members and challenges) in the index.
func (ix *Index) DocCount() (uint64, error) { return ix.bi.DocCount() }
