package search

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
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
}

// Index is the search index of members and challenges, derived from the store. It is safe for concurrent
// use; Apply calls are serialized.
type Index struct {
	bi    bleve.Index
	tax   *models.Taxonomy
	gloss *Glossary
	dir   string
	tune  tuning

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
	return &Index{bi: bi, tax: tax, gloss: gloss, dir: dir, tune: defaultTuning()}, nil
}

func openBleve(dir string, opts Options) (bleve.Index, error) {
	config := map[string]any{"bolt_timeout": opts.OpenTimeout.String()}
	if v := os.Getenv("EXP_ZAP"); v != "" {
		n, _ := strconv.Atoi(v)
		config["forceSegmentVersion"] = n
		config["forceSegmentType"] = "zap"
	}
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

// Close releases the index and its lock.
func (ix *Index) Close() error { return ix.bi.Close() }

// Apply writes changes from the store's change feed in one Bleve batch, together with the new checkpoint (the
// highest Seq seen, never lower than the stored one). Published members and non-draft challenges are
// indexed; drafts, tombstones and anything else are removed. Replaying a change is harmless.
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
	b := ix.bi.NewBatch()
	for _, c := range changes {
		cp = max(cp, c.Seq)
		switch c.Type {
		case models.EntityMember:
			id := memberPrefix + c.ID
			if c.Deleted || c.Member == nil || !c.Member.Published() {
				b.Delete(id)
				continue
			}
			if err := b.Index(id, newMemberDoc(c.Member, ix.tax)); err != nil {
				return fmt.Errorf("search: index member %s: %w", c.ID, err)
			}
		case models.EntityChallenge:
			id := challengePrefix + c.ID
			if c.Deleted || c.Challenge == nil || c.Challenge.Status == models.ChallengeDraft {
				b.Delete(id)
				continue
			}
			if err := b.Index(id, newChallengeDoc(c.Challenge, ix.tax)); err != nil {
				return fmt.Errorf("search: index challenge %s: %w", c.ID, err)
			}
		}
	}
	b.SetInternal(keyCheckpoint, []byte(strconv.FormatInt(cp, 10)))
	if err := ix.bi.Batch(b); err != nil {
		return fmt.Errorf("search: apply batch: %w", err)
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
