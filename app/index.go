package app

import (
	"context"
	"slices"

	"github.com/hanoi-innovation/innonet/models"
)

// Index is the search index the use cases read and keep in step with the store.
type Index interface {
	Retriever
	SearchMembers(ctx context.Context, q models.MemberQuery) (*models.MemberResults, error)
	SearchChallenges(ctx context.Context, q models.ChallengeQuery) (*models.ChallengeResults, error)
	Suggest(ctx context.Context, prefix string, limit int) ([]models.Suggestion, error)
	// Apply indexes the changes and records the highest Seq as the checkpoint, in one batch.
	Apply(ctx context.Context, changes []models.Change) error
	// ApplyAfter applies changes that directly follow the checkpoint after; it applies nothing and reports
	// false when the checkpoint is elsewhere.
	ApplyAfter(ctx context.Context, after int64, changes []models.Change) (bool, error)
	// Checkpoint is the Seq of the last change applied.
	Checkpoint() (int64, error)
}

// syncBatch is how many changes one index batch takes.
const syncBatch = 5000

// CatchUp applies to the index every change the store made since the index's checkpoint, and returns how
// many it applied. Changes are idempotent, so replaying some after a crash is harmless. progress, when set,
// hears the Seq reached after each batch. With Config.FeedSettle, it also applies the changes that became
// visible behind the checkpoint within that time (see Tail).
func (s *Service) CatchUp(ctx context.Context, progress func(seq int64)) (int, error) {
	if s.Index == nil {
		return 0, nil
	}
	after, err := s.Index.Checkpoint()
	if err != nil {
		return 0, err
	}
	s.feedTail.From(s.now(), after) // marks where this pass starts, for the late changes of the next ones
	applied := 0
	for {
		changes, err := s.Store.Changes(ctx, after, syncBatch)
		if err != nil {
			return applied, err
		}
		if len(changes) == 0 {
			break
		}
		if err := s.Index.Apply(ctx, changes); err != nil {
			return applied, err
		}
		for _, c := range changes {
			s.feedTail.Fresh(c.Seq)
		}
		applied += len(changes)
		after = changes[len(changes)-1].Seq
		if progress != nil {
			progress(after)
		}
	}
	late, err := s.catchUpLate(ctx, after)
	return applied + late, err
}

// changeNumbers is offered by the stores whose changes can become visible out of order (MongoDB): the numbers
// of the changes in (after, upTo], without their documents, so that the follower reads back only late ones.
type changeNumbers interface {
	ChangeSeqs(ctx context.Context, after, upTo int64) ([]int64, error)
}

// catchUpLate applies the changes numbered at or below the checkpoint cp that the follower has not seen: writes
// that took their number before others but became visible after them.
func (s *Service) catchUpLate(ctx context.Context, cp int64) (int, error) {
	from := s.feedTail.From(s.now(), cp)
	if from >= cp {
		return 0, nil
	}
	if cn, ok := s.Store.(changeNumbers); ok {
		seqs, err := cn.ChangeSeqs(ctx, from, cp)
		if err != nil {
			return 0, err
		}
		i := slices.IndexFunc(seqs, func(q int64) bool { return !s.feedTail.Seen(q) })
		if i < 0 {
			return 0, nil
		}
		from = seqs[i] - 1
	}
	applied := 0
	for from < cp {
		changes, err := s.Store.Changes(ctx, from, syncBatch)
		if err != nil || len(changes) == 0 {
			return applied, err
		}
		var late []models.Change
		for _, c := range changes {
			if c.Seq <= cp && s.feedTail.Fresh(c.Seq) {
				late = append(late, c)
			}
		}
		if len(late) > 0 {
			if err := s.Index.Apply(ctx, late); err != nil {
				return applied, err
			}
			applied += len(late)
		}
		from = changes[len(changes)-1].Seq
	}
	return applied, nil
}

// IndexLag returns how many store changes the index has not applied yet.
func (s *Service) IndexLag(ctx context.Context) (int64, error) {
	if s.Index == nil {
		return 0, nil
	}
	last, err := s.Store.LastSeq(ctx)
	if err != nil {
		return 0, err
	}
	cp, err := s.Index.Checkpoint()
	if err != nil {
		return 0, err
	}
	return max(0, last-cp), nil
}

// indexChanged wakes the index follower after a write to members or challenges.
func (s *Service) indexChanged() {
	select {
	case s.indexKick <- struct{}{}:
	default:
	}
}

// IndexKicked fires after writes to members or challenges; the index follower waits on it between passes.
func (s *Service) IndexKicked() <-chan struct{} { return s.indexKick }
