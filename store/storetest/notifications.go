package storetest

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

func (s suite) notificationTests() []test {
	return []test{
		{"Add", s.notificationAdd},
		{"AddSkipsKnownKeys", s.notificationAddSkips},
		{"RoundTrip", s.notificationRoundTrip},
		{"List", s.notificationList},
		{"After", s.notificationsAfter},
		{"Since", s.notificationsSince},
		{"MarkRead", s.notificationMarkRead},
		{"Count", s.notificationCount},
	}
}

// notificationCount: CountNotifications counts one type over every account.
func (s suite) notificationCount(t *testing.T) {
	st := s.open(t)
	inbox(t, st, 2, "ac-1", "ac-2")
	_, err := st.AddNotifications(t.Context(), []*models.Notification{notification("ac-1", "interest:in-1", func(n *models.Notification) {
		n.Type = models.NotifyInterest
	})})
	must(t, "AddNotifications", err)
	for typ, want := range map[models.NotificationType]int{models.NotifyChallengeMatch: 4, models.NotifyInterest: 1, models.NotifyProfileMatch: 0} {
		got, err := st.CountNotifications(t.Context(), typ)
		must(t, "CountNotifications", err)
		if got != want {
			t.Errorf("CountNotifications(%s) = %d, want %d", typ, got, want)
		}
	}
}

// notification returns a match notification for an account with every field set, then applies edits.
func notification(accountID, key string, edits ...func(*models.Notification)) *models.Notification {
	n := &models.Notification{
		AccountID:   accountID,
		Key:         key,
		Type:        models.NotifyChallengeMatch,
		ChallengeID: "ch-1",
		MemberID:    "st-1",
		Title:       "Giảm ùn tắc giờ cao điểm",
		Score:       87,
		Reasons: []models.Reason{
			{Kind: "skill", VI: "Kỹ năng phù hợp: thị giác máy tính", EN: "Matching skill: computer vision"},
			{Kind: "sector", VI: "Cùng lĩnh vực giao thông", EN: "Same sector: mobility"},
		},
		CreatedAt: at(time.Hour),
	}
	for _, e := range edits {
		e(n)
	}
	return n
}

// inbox adds n notifications for each account, interleaved and created a minute apart, one call each, and
// returns them by account in the order added.
func inbox(t *testing.T, st models.Store, n int, accounts ...string) map[string][]*models.Notification {
	t.Helper()
	out := map[string][]*models.Notification{}
	for i := range n {
		for j, a := range accounts {
			nt := notification(a, fmt.Sprintf("match:ch-%d:%s", i+1, a), func(nt *models.Notification) {
				nt.ChallengeID = fmt.Sprintf("ch-%d", i+1)
				nt.CreatedAt = at(time.Duration(i*len(accounts)+j+1) * time.Minute)
			})
			stored, err := st.AddNotifications(t.Context(), []*models.Notification{nt})
			must(t, "AddNotifications", err)
			if len(stored) != 1 {
				t.Fatalf("AddNotifications stored %d of 1 new notification", len(stored))
			}
			out[a] = append(out[a], nt)
		}
	}
	return out
}

func (s suite) notificationAdd(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	none, err := st.AddNotifications(ctx, nil)
	must(t, "AddNotifications(none)", err)
	if len(none) != 0 {
		t.Errorf("AddNotifications(none) stored %d", len(none))
	}
	batch := []*models.Notification{
		notification("ac-1", "k-1", func(n *models.Notification) { n.ID = "nt-given" }),
		notification("ac-1", "k-2"),
		notification("ac-2", "k-3"),
	}
	stored, err := st.AddNotifications(ctx, batch)
	must(t, "AddNotifications", err)
	if len(stored) != len(batch) {
		t.Fatalf("AddNotifications stored %d of %d new notifications", len(stored), len(batch))
	}
	seen := map[string]bool{}
	var prev int64
	for i, n := range stored {
		if n != batch[i] {
			t.Errorf("AddNotifications returned #%d = %+v, want the notification given (key %s)", i, n, batch[i].Key)
		}
		if n.ID == "" || seen[n.ID] || n.Seq <= prev {
			t.Errorf("notification %s: id %q and seq %d; want a new id and a seq above %d", n.Key, n.ID, n.Seq, prev)
		}
		seen[n.ID], prev = true, n.Seq
	}
	if batch[0].ID != "nt-given" {
		t.Errorf("AddNotifications replaced the given id by %q", batch[0].ID)
	}
	next := notification("ac-1", "k-4")
	_, err = st.AddNotifications(ctx, []*models.Notification{next})
	must(t, "AddNotifications", err)
	if next.Seq <= prev {
		t.Errorf("a later AddNotifications assigned seq %d, want more than %d", next.Seq, prev)
	}
}

func (s suite) notificationAddSkips(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	first := notification("ac-1", "k-1")
	_, err := st.AddNotifications(ctx, []*models.Notification{first})
	must(t, "AddNotifications", err)
	known := notification("ac-1", "k-1", func(n *models.Notification) { n.Title = "again" })
	a := notification("ac-1", "k-2", func(n *models.Notification) { n.Title = "first k-2" })
	aAgain := notification("ac-1", "k-2", func(n *models.Notification) { n.Title = "second k-2" })
	b := notification("ac-2", "k-3")
	stored, err := st.AddNotifications(ctx, []*models.Notification{known, a, aAgain, b})
	must(t, "AddNotifications", err)
	if len(stored) != 2 || stored[0] != a || stored[1] != b {
		t.Fatalf("AddNotifications stored %v, want k-2 (the first) and k-3", notificationKeys(stored))
	}
	if a.Seq <= first.Seq || b.Seq <= a.Seq {
		t.Errorf("seqs %d, %d, %d: want them increasing", first.Seq, a.Seq, b.Seq)
	}
	got, total, err := st.ListNotifications(ctx, "ac-1", models.Page{})
	must(t, "ListNotifications", err)
	if total != 2 || len(got) != 2 {
		t.Fatalf("ListNotifications: %d (total %d), want 2", len(got), total)
	}
	assertSame(t, "notification k-2", a, got[0])
	assertSame(t, "notification k-1", first, got[1])
	again, err := st.AddNotifications(ctx, []*models.Notification{
		notification("ac-3", "k-3"),
		notification("ac-1", "k-4", func(n *models.Notification) { n.ID = first.ID }),
	})
	must(t, "AddNotifications", err)
	if len(again) != 0 {
		t.Errorf("a known key for another account, or a taken id, was stored: %v", notificationKeys(again))
	}
}

func (s suite) notificationRoundTrip(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	cases := []*models.Notification{
		notification("ac-1", "match:ch-1:st-1"),
		notification("ac-1", "interest:in-1", func(n *models.Notification) {
			n.Type, n.MemberID, n.Score, n.Reasons = models.NotifyInterest, "ex-1", 0, nil
			n.Title, n.CreatedAt = "Trần Minh", at(2*time.Hour)
		}),
		notification("ac-1", "status:in-2", func(n *models.Notification) {
			n.ID, n.Type, n.ChallengeID, n.MemberID, n.Reasons = "nt-read", models.NotifyInterestStatus, "", "", []models.Reason{}
			n.CreatedAt, n.ReadAt = at(3*time.Hour), ptr(at(4*time.Hour))
		}),
	}
	_, err := st.AddNotifications(ctx, cases)
	must(t, "AddNotifications", err)
	got, total, err := st.ListNotifications(ctx, "ac-1", models.Page{})
	must(t, "ListNotifications", err)
	if total != len(cases) || len(got) != len(cases) {
		t.Fatalf("ListNotifications: %d (total %d), want %d", len(got), total, len(cases))
	}
	for i, want := range cases {
		assertSame(t, "notification "+want.Key, want, got[len(got)-1-i])
	}
}

func (s suite) notificationList(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	box := inbox(t, st, 5, "ac-1", "ac-2")
	mine := box["ac-1"]
	newest := []string{mine[4].ID, mine[3].ID, mine[2].ID, mine[1].ID, mine[0].ID}
	cases := []struct {
		page models.Page
		want []string
	}{
		{models.Page{}, newest},
		{models.Page{Page: 1, PerPage: 2}, newest[:2]},
		{models.Page{Page: 3, PerPage: 2}, newest[4:]},
		{models.Page{Page: 4, PerPage: 2}, nil},
	}
	for _, c := range cases {
		got, total, err := st.ListNotifications(ctx, "ac-1", c.page)
		must(t, "ListNotifications", err)
		if ids := notificationIDs(got); !slices.Equal(ids, c.want) || total != len(mine) {
			t.Errorf("ListNotifications(page %+v) = %v (total %d), want %v (total %d)", c.page, ids, total, c.want, len(mine))
		}
	}
	got, total, err := st.ListNotifications(ctx, "ac-nobody", models.Page{})
	must(t, "ListNotifications", err)
	if len(got) != 0 || total != 0 {
		t.Errorf("ListNotifications of an account without any: %d (total %d)", len(got), total)
	}
}

func (s suite) notificationsAfter(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	mine := inbox(t, st, 4, "ac-1", "ac-2")["ac-1"]
	all := notificationIDs(mine)
	cases := []struct {
		name  string
		after int64
		limit int
		want  []string
	}{
		{"from the start", 0, 10, all},
		{"after the second", mine[1].Seq, 10, all[2:]},
		{"between two of the account", mine[1].Seq + 1, 10, all[2:]},
		{"limited", 0, 2, all[:2]},
		{"after the last", mine[3].Seq, 10, nil},
	}
	for _, c := range cases {
		got, err := st.NotificationsAfter(ctx, "ac-1", c.after, c.limit)
		must(t, "NotificationsAfter", err)
		if ids := notificationIDs(got); !slices.Equal(ids, c.want) {
			t.Errorf("NotificationsAfter(%s: %d, %d) = %v, want %v", c.name, c.after, c.limit, ids, c.want)
		}
	}
	got, err := st.NotificationsAfter(ctx, "ac-1", 0, 10)
	must(t, "NotificationsAfter", err)
	for i := range min(len(got), len(mine)) {
		assertSame(t, "notification after", mine[i], got[i])
	}
}

func (s suite) notificationsSince(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	mine := inbox(t, st, 4, "ac-1", "ac-2")["ac-1"]
	all := notificationIDs(mine)
	cases := []struct {
		name  string
		since time.Time
		limit int
		want  []string
	}{
		{"from the start", at(0), 10, all},
		{"at the second", mine[1].CreatedAt, 10, all[1:]},
		{"just after the second", mine[1].CreatedAt.Add(time.Millisecond), 10, all[2:]},
		{"limited", mine[1].CreatedAt, 2, all[1:3]},
		{"after the last", mine[3].CreatedAt.Add(time.Second), 10, nil},
	}
	for _, c := range cases {
		got, err := st.NotificationsSince(ctx, "ac-1", c.since, c.limit)
		must(t, "NotificationsSince", err)
		if ids := notificationIDs(got); !slices.Equal(ids, c.want) {
			t.Errorf("NotificationsSince(%s, %d) = %v, want %v", c.name, c.limit, ids, c.want)
		}
	}
}

func (s suite) notificationMarkRead(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	box := inbox(t, st, 4, "ac-1", "ac-2")
	mine, theirs := box["ac-1"], box["ac-2"]
	assertUnread(t, st, map[string]int{"ac-1": 4, "ac-2": 4, "ac-nobody": 0})

	first := at(5 * time.Hour)
	must(t, "MarkRead(ids)", st.MarkRead(ctx, "ac-1", []string{mine[0].ID, mine[1].ID, theirs[0].ID}, first))
	assertUnread(t, st, map[string]int{"ac-1": 2, "ac-2": 4})
	must(t, "MarkRead(unknown id)", st.MarkRead(ctx, "ac-1", []string{"nt-nothing"}, first))
	must(t, "MarkRead(all)", st.MarkRead(ctx, "ac-1", nil, at(6*time.Hour)))
	assertUnread(t, st, map[string]int{"ac-1": 0, "ac-2": 4})

	got, _, err := st.ListNotifications(ctx, "ac-1", models.Page{})
	must(t, "ListNotifications", err)
	readAt := map[string]time.Time{mine[0].ID: first, mine[1].ID: first, mine[2].ID: at(6 * time.Hour), mine[3].ID: at(6 * time.Hour)}
	for _, n := range got {
		want := readAt[n.ID]
		if n.ReadAt == nil || !sameTime(*n.ReadAt, want) {
			t.Errorf("notification %s: read at %v, want %v (a read notification keeps its first read time)", n.ID, n.ReadAt, want)
		}
	}
	got, _, err = st.ListNotifications(ctx, "ac-2", models.Page{})
	must(t, "ListNotifications", err)
	for _, n := range got {
		if n.ReadAt != nil {
			t.Errorf("notification %s of another account was marked read", n.ID)
		}
	}
}

// assertUnread checks the unread count of each account.
func assertUnread(t *testing.T, st models.Store, want map[string]int) {
	t.Helper()
	for a, n := range want {
		got, err := st.UnreadCount(t.Context(), a)
		must(t, "UnreadCount", err)
		if got != n {
			t.Errorf("UnreadCount(%s) = %d, want %d", a, got, n)
		}
	}
}

func notificationIDs(ns []*models.Notification) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.ID)
	}
	return out
}

func notificationKeys(ns []*models.Notification) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.Key)
	}
	return out
}
