package mongo_test

import (
	"slices"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

// TestChangeSeqs checks that ChangeSeqs lists, over a range, the numbers of the changes Changes returns:
// members and challenges merged, tombstones included, superseded writes left out.
func TestChangeSeqs(t *testing.T) {
	st := testServer(t).open(t)
	ctx := t.Context()
	for _, id := range []string{"ex-1", "ex-2", "ex-3"} {
		if err := st.CreateMember(ctx, testMember(id)); err != nil {
			t.Fatal(err)
		}
	}
	c := &models.Challenge{ID: "ch-1", PostedBy: "ag-1", Title: "Số hoá hồ sơ", Status: models.ChallengeOpen,
		CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := st.CreateChallenge(ctx, c); err != nil {
		t.Fatal(err)
	}
	m := testMember("ex-2")
	m.Version, m.Name = 1, "Phạm Thu Hà (sửa)"
	if err := st.UpdateMember(ctx, m); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteMember(ctx, "ex-1", 1); err != nil {
		t.Fatal(err)
	}
	changes, err := st.Changes(ctx, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var want []int64
	for _, ch := range changes {
		want = append(want, ch.Seq)
	}
	got, err := st.ChangeSeqs(ctx, 0, want[len(want)-1])
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) || len(got) != 4 {
		t.Fatalf("ChangeSeqs = %v, want %v (four entities, each at its last write)", got, want)
	}
	if got, err := st.ChangeSeqs(ctx, want[0], want[2]); err != nil || !slices.Equal(got, want[1:3]) {
		t.Errorf("ChangeSeqs(%d, %d) = %v (%v), want %v", want[0], want[2], got, err, want[1:3])
	}
}
