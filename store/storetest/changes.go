package storetest

import (
	"slices"
	"testing"

	"github.com/hanoi-innovation/innonet/models"
)

func (s suite) changeTests() []test {
	return []test{
		{"Empty", s.changesEmpty},
		{"EveryWrite", s.changesEveryWrite},
		{"Latest", s.changesLatest},
		{"Pages", s.changesPages},
	}
}

// entity keys a change by what it is about.
type entity struct {
	typ models.EntityType
	id  string
}

// write is one write to the store and the entity it changes.
type write struct {
	name string
	what entity
	do   func(st models.Store) error
}

// history is a sequence of writes that touches every kind of write the feed reports.
func history(t *testing.T) []write {
	m1, m2, c1 := member("st-1"), member("st-2"), challenge("ch-1")
	mem := func(id string) entity { return entity{models.EntityMember, id} }
	chal := func(id string) entity { return entity{models.EntityChallenge, id} }
	ctx := t.Context()
	return []write{
		{"CreateMember", mem("st-1"), func(st models.Store) error { return st.CreateMember(ctx, m1) }},
		{"CreateMember", mem("st-2"), func(st models.Store) error { return st.CreateMember(ctx, m2) }},
		{"UpdateMember", mem("st-1"), func(st models.Store) error { m1.Name = "v2"; return st.UpdateMember(ctx, m1) }},
		{"CreateChallenge", chal("ch-1"), func(st models.Store) error { return st.CreateChallenge(ctx, c1) }},
		{"UpdateChallenge", chal("ch-1"), func(st models.Store) error { c1.Title = "v2"; return st.UpdateChallenge(ctx, c1) }},
		{"UpsertMembers", mem("st-2"), func(st models.Store) error {
			return st.UpsertMembers(ctx, []*models.Member{member("st-3"), member("st-2", func(m *models.Member) { m.Name = "v2" })})
		}},
		{"UpsertChallenges", chal("ch-2"), func(st models.Store) error {
			return st.UpsertChallenges(ctx, []*models.Challenge{challenge("ch-1", func(c *models.Challenge) { c.Title = "v3" }), challenge("ch-2")})
		}},
		{"Register", mem("st-4"), func(st models.Store) error {
			return st.Register(ctx, account("ac-4", "four@example.vn"), member("st-4"))
		}},
		{"DeleteMember", mem("st-1"), func(st models.Store) error { return st.DeleteMember(ctx, "st-1", 2) }},
	}
}

// replay runs the history on the store.
func replay(t *testing.T, st models.Store) {
	t.Helper()
	for _, w := range history(t) {
		must(t, w.name, w.do(st))
	}
}

func (s suite) changesEmpty(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	last, err := st.LastSeq(ctx)
	must(t, "LastSeq", err)
	changes, err := st.Changes(ctx, 0, 10)
	must(t, "Changes", err)
	if last != 0 || len(changes) != 0 {
		t.Errorf("an empty store: LastSeq %d and %d changes, want 0 and none", last, len(changes))
	}
}

func (s suite) changesEveryWrite(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	var prev int64
	for _, w := range history(t) {
		must(t, w.name, w.do(st))
		last, err := st.LastSeq(ctx)
		must(t, "LastSeq", err)
		if last <= prev {
			t.Fatalf("%s: LastSeq went from %d to %d, want it to grow", w.name, prev, last)
		}
		changes, err := st.Changes(ctx, prev, 1000)
		must(t, "Changes", err)
		assertFeed(t, w.name, changes, prev, last)
		if _, ok := latest(changes)[w.what]; !ok {
			t.Errorf("%s: Changes(%d) has no change for %v", w.name, prev, w.what)
		}
		prev = last
	}
	m, err := st.Member(ctx, "st-2")
	must(t, "Member", err)
	m.Name = "v3"
	must(t, "UpdateMember", st.UpdateMember(ctx, m))
	changes, err := st.Changes(ctx, prev, 1000)
	must(t, "Changes", err)
	if len(changes) != 1 || changes[0].ID != "st-2" || changes[0].Member == nil || changes[0].Member.Name != "v3" {
		t.Errorf("Changes after one update: %+v, want the one member st-2 named v3", changes)
	}
}

func (s suite) changesLatest(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	replay(t, st)
	last, err := st.LastSeq(ctx)
	must(t, "LastSeq", err)
	changes, err := st.Changes(ctx, 0, 1000)
	must(t, "Changes", err)
	assertFeed(t, "Changes", changes, 0, last)
	if len(changes) == 0 || changes[len(changes)-1].Seq != last {
		t.Fatalf("Changes(0) returned %d changes, the last one must have LastSeq %d", len(changes), last)
	}
	got := latest(changes)
	if len(got) != 6 {
		t.Errorf("Changes reports %d entities, want 6 (st-1..4, ch-1..2)", len(got))
	}
	tomb, ok := got[entity{models.EntityMember, "st-1"}]
	if !ok || !tomb.Deleted {
		t.Errorf("deleted member st-1: latest change %+v, want a tombstone", tomb)
	}
	for _, id := range []string{"st-2", "st-3", "st-4"} {
		want, err := st.Member(ctx, id)
		must(t, "Member", err)
		c := got[entity{models.EntityMember, id}]
		if c.Deleted || c.Member == nil {
			t.Errorf("member %s: latest change %+v, want its document", id, c)
			continue
		}
		assertSame(t, "member in the feed", want, c.Member)
	}
	for _, id := range []string{"ch-1", "ch-2"} {
		want, err := st.Challenge(ctx, id)
		must(t, "Challenge", err)
		c := got[entity{models.EntityChallenge, id}]
		if c.Deleted || c.Challenge == nil {
			t.Errorf("challenge %s: latest change %+v, want its document", id, c)
			continue
		}
		assertSame(t, "challenge in the feed", want, c.Challenge)
	}
}

func (s suite) changesPages(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	replay(t, st)
	all, err := st.Changes(ctx, 0, 1000)
	must(t, "Changes", err)
	var paged []int64
	for after := int64(0); ; {
		page, err := st.Changes(ctx, after, 2)
		must(t, "Changes", err)
		if len(page) > 2 {
			t.Fatalf("Changes(%d, 2) returned %d changes", after, len(page))
		}
		if len(page) == 0 {
			break
		}
		for _, c := range page {
			paged = append(paged, c.Seq)
		}
		after = page[len(page)-1].Seq
	}
	var want []int64
	for _, c := range all {
		want = append(want, c.Seq)
	}
	if !slices.Equal(paged, want) {
		t.Errorf("paging by 2 gives Seqs %v, one call gives %v", paged, want)
	}
	last, err := st.LastSeq(ctx)
	must(t, "LastSeq", err)
	rest, err := st.Changes(ctx, last, 10)
	must(t, "Changes", err)
	if len(rest) != 0 {
		t.Errorf("Changes(LastSeq) = %+v, want none", rest)
	}
}

// assertFeed checks that changes are in increasing Seq order, within (after, last], and well formed.
func assertFeed(t *testing.T, what string, changes []models.Change, after, last int64) {
	t.Helper()
	prev := after
	for _, c := range changes {
		switch {
		case c.Seq <= prev || c.Seq > last:
			t.Errorf("%s: change %v %s has Seq %d, want it in (%d, %d]", what, c.Type, c.ID, c.Seq, prev, last)
		case c.Type == models.EntityMember && !c.Deleted && (c.Member == nil || c.Member.ID != c.ID):
			t.Errorf("%s: change %d for member %s carries %+v", what, c.Seq, c.ID, c.Member)
		case c.Type == models.EntityChallenge && !c.Deleted && (c.Challenge == nil || c.Challenge.ID != c.ID):
			t.Errorf("%s: change %d for challenge %s carries %+v", what, c.Seq, c.ID, c.Challenge)
		case c.Type != models.EntityMember && c.Type != models.EntityChallenge:
			t.Errorf("%s: change %d has type %q", what, c.Seq, c.Type)
		}
		prev = c.Seq
	}
}

// latest returns the last change of each entity.
func latest(changes []models.Change) map[entity]models.Change {
	out := make(map[entity]models.Change)
	for _, c := range changes {
		out[entity{c.Type, c.ID}] = c
	}
	return out
}
