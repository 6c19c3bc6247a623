package app

import (
	"context"

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
// hears the Seq reached after each batch.
func (s *Service) CatchUp(ctx context.Context, progress func(seq int64)) (int, error) {
	if s.Index == nil {
		return 0, nil
	}
	after, err := s.Index.Checkpoint()
	if err != nil {
		return 0, err
	}
	applied := 0
	for {
		changes, err := s.Store.Changes(ctx, after, syncBatch)
		if err != nil || len(changes) == 0 {
			return applied, err
		}
		if err := s.Index.Apply(ctx, changes); err != nil {
			return applied, err
		}
		applied += len(changes)
		after = changes[len(changes)-1].Seq
		if progress != nil {
			progress(after)
		}
	}
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
