package app

import (
	"context"

	"github.com/hanoi-innovation/innonet/models"
)

// importIndexWindow is how many changes the import's indexer applies at once: enough for the index to
// write them as one segment per core.
const importIndexWindow = 5000

// importIndexer indexes what an import writes while it writes the next batch, from the records it already
// holds instead of reading them back from the change feed. It only ever applies a window of changes that
// directly follows the index's checkpoint and whose Seqs are known to be the import's own; anything else
// (another writer, an index that fell behind) stops it, and the caller's catch-up from the change feed does
// the rest.
type importIndexer struct {
	ix      Index
	pending []models.Change
	windows chan []models.Change
	done    chan struct{}
	halted  bool  // the import saw a write not its own: it hands over nothing more
	err     error // set by run, read after done
	stopped bool  // set by run: a window could not be applied directly, the rest is left to the change feed
}

// IndexAsItGoes makes the import index each batch it writes, on another goroutine, so that storing and
// indexing overlap. Only for a caller that holds the index and runs no follower of its own (the command
// line); Finish waits for the indexing and the caller still catches up from the change feed afterwards.
func (im *Importer) IndexAsItGoes(ctx context.Context) {
	if im.s.Index == nil || im.indexer != nil {
		return
	}
	x := &importIndexer{ix: im.s.Index, windows: make(chan []models.Change, 1), done: make(chan struct{})}
	go x.run(ctx)
	im.indexer = x
}

func (x *importIndexer) run(ctx context.Context) {
	defer close(x.done)
	for w := range x.windows {
		if x.err != nil || x.stopped {
			continue
		}
		ok, err := x.ix.ApplyAfter(ctx, w[0].Seq-1, w)
		x.err, x.stopped = err, !ok
	}
}

// written takes the changes of one stored batch: Seqs first+1 ... first+len(changes), in order.
func (x *importIndexer) written(first int64, changes []models.Change) {
	if x.halted {
		return
	}
	for i := range changes {
		changes[i].Seq = first + 1 + int64(i)
	}
	if len(x.pending) > 0 && x.pending[len(x.pending)-1].Seq != first {
		x.flush()
	}
	x.pending = append(x.pending, changes...)
	if len(x.pending) >= importIndexWindow {
		x.flush()
	}
}

func (x *importIndexer) flush() {
	if len(x.pending) > 0 {
		x.windows <- x.pending
		x.pending = nil
	}
}

// finish applies what is pending and waits for the indexing.
func (x *importIndexer) finish() error {
	x.flush()
	close(x.windows)
	<-x.done
	return x.err
}

// store writes the queued records, and hands them to the indexer when the Seqs they took are known: the
// store's last Seq moved by exactly their number, so nobody else wrote in between.
func (im *Importer) store(ctx context.Context) error {
	var before int64
	if im.indexer != nil {
		var err error
		if before, err = im.s.Store.LastSeq(ctx); err != nil {
			return err
		}
	}
	if len(im.members) > 0 {
		if err := im.s.Store.UpsertMembers(ctx, im.members); err != nil {
			return err
		}
	}
	if len(im.challenges) > 0 {
		if err := im.s.Store.UpsertChallenges(ctx, im.challenges); err != nil {
			return err
		}
	}
	if im.indexer == nil {
		return nil
	}
	after, err := im.s.Store.LastSeq(ctx)
	if err != nil {
		return err
	}
	n := len(im.members) + len(im.challenges)
	if after-before != int64(n) {
		im.indexer.flush()
		im.indexer.halted = true
		return nil
	}
	changes := make([]models.Change, 0, n)
	for _, m := range im.members {
		changes = append(changes, models.Change{Type: models.EntityMember, ID: m.ID, Member: m})
	}
	for _, c := range im.challenges {
		changes = append(changes, models.Change{Type: models.EntityChallenge, ID: c.ID, Challenge: c})
	}
	im.indexer.written(before, changes)
	return nil
}

// finishIndexing waits for the import's indexer, if any.
func (im *Importer) finishIndexing() error {
	if im.indexer == nil {
		return nil
	}
	err := im.indexer.finish()
	im.indexer = nil
	return err
}
