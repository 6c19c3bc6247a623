package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/hanoi-innovation/innonet/models"
)

func (s suite) preferencesTests() []test {
	return []test{
		{"NotFound", s.preferencesNotFound},
		{"Create", s.preferencesCreate},
		{"Replace", s.preferencesReplace},
		{"Tokens", s.preferencesTokens},
		{"DigestDue", s.preferencesDigestDue},
	}
}

// preferences returns an account's preferences with every field set, then applies edits.
func preferences(accountID string, edits ...func(*models.Preferences)) *models.Preferences {
	p := &models.Preferences{
		AccountID:        accountID,
		InApp:            true,
		Email:            models.FrequencyDaily,
		MinScore:         65,
		Sectors:          []string{"mobility", "health"},
		Language:         "en",
		UnsubscribeToken: "unsub-" + accountID,
		LastDigestAt:     at(time.Hour),
	}
	for _, e := range edits {
		e(p)
	}
	return p
}

func (s suite) preferencesNotFound(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	must(t, "SavePreferences", st.SavePreferences(ctx, preferences("ac-2")))
	_, err := st.Preferences(ctx, "ac-1")
	assertCode(t, "Preferences never saved", err, models.CodeNotFound)
	for _, tok := range []string{"unsub-nothing", ""} {
		_, err = st.PreferencesByToken(ctx, tok)
		assertCode(t, "PreferencesByToken("+tok+")", err, models.CodeNotFound)
	}
}

func (s suite) preferencesCreate(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	cases := map[string]*models.Preferences{
		"full": preferences("ac-1"),
		"defaults": func() *models.Preferences {
			p := models.DefaultPreferences("ac-2")
			return &p
		}(),
		"off": preferences("ac-3", func(p *models.Preferences) {
			p.InApp, p.Email, p.MinScore, p.Sectors, p.LastDigestAt = false, models.FrequencyOff, 0, nil, time.Time{}
		}),
	}
	for name, p := range cases {
		must(t, "SavePreferences "+name, st.SavePreferences(ctx, p))
		if p.Version != 1 {
			t.Errorf("SavePreferences %s: version %d, want 1", name, p.Version)
		}
	}
	for name, p := range cases {
		got, err := st.Preferences(ctx, p.AccountID)
		must(t, "Preferences "+name, err)
		assertSame(t, "Preferences "+name, p, got)
		if p.UnsubscribeToken != "" {
			got, err = st.PreferencesByToken(ctx, p.UnsubscribeToken)
			must(t, "PreferencesByToken "+name, err)
			assertSame(t, "PreferencesByToken "+name, p, got)
		}
	}
	again := preferences("ac-1", func(p *models.Preferences) { p.Email, p.UnsubscribeToken = models.FrequencyOff, "unsub-other" })
	assertCode(t, "SavePreferences at version 0 over saved ones", st.SavePreferences(ctx, again), models.CodeConflict)
	got, err := st.Preferences(ctx, "ac-1")
	must(t, "Preferences", err)
	assertSame(t, "Preferences after a failed creation", cases["full"], got)
}

func (s suite) preferencesReplace(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	p := preferences("ac-1")
	must(t, "SavePreferences", st.SavePreferences(ctx, p))
	stale := *p
	p.Email, p.Sectors, p.MinScore, p.UnsubscribeToken = models.FrequencyWeekly, nil, 80, "unsub-new"
	must(t, "SavePreferences", st.SavePreferences(ctx, p))
	if p.Version != 2 {
		t.Fatalf("SavePreferences: version %d, want 2", p.Version)
	}
	got, err := st.Preferences(ctx, "ac-1")
	must(t, "Preferences", err)
	assertSame(t, "Preferences after a replacement", p, got)
	_, err = st.PreferencesByToken(ctx, "unsub-ac-1")
	assertCode(t, "PreferencesByToken(replaced token)", err, models.CodeNotFound)

	stale.Email = models.FrequencyOff
	assertCode(t, "SavePreferences from a stale version", st.SavePreferences(ctx, &stale), models.CodeConflict)
	if stale.Version != 1 {
		t.Errorf("a failed SavePreferences changed the version to %d", stale.Version)
	}
	got, err = st.Preferences(ctx, "ac-1")
	must(t, "Preferences", err)
	assertSame(t, "Preferences after a stale save", p, got)

	unsaved := preferences("ac-2", func(p *models.Preferences) { p.Version = 3 })
	assertCode(t, "SavePreferences at version 3 of unsaved preferences", st.SavePreferences(ctx, unsaved), models.CodeConflict)
	_, err = st.Preferences(ctx, "ac-2")
	assertCode(t, "Preferences after a failed save", err, models.CodeNotFound)
}

func (s suite) preferencesTokens(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	for _, id := range []string{"ac-1", "ac-2"} {
		p := preferences(id, func(p *models.Preferences) { p.UnsubscribeToken = "" })
		must(t, "SavePreferences without a token", st.SavePreferences(ctx, p))
	}
	a := preferences("ac-3")
	must(t, "SavePreferences", st.SavePreferences(ctx, a))
	taken := preferences("ac-4", func(p *models.Preferences) { p.UnsubscribeToken = a.UnsubscribeToken })
	assertCode(t, "SavePreferences with a taken token", st.SavePreferences(ctx, taken), models.CodeConflict)
	b := preferences("ac-4")
	must(t, "SavePreferences", st.SavePreferences(ctx, b))
	b.UnsubscribeToken = a.UnsubscribeToken
	assertCode(t, "SavePreferences replacing the token by a taken one", st.SavePreferences(ctx, b), models.CodeConflict)
	got, err := st.PreferencesByToken(ctx, a.UnsubscribeToken)
	must(t, "PreferencesByToken", err)
	if got.AccountID != "ac-3" {
		t.Errorf("PreferencesByToken: account %s, want ac-3", got.AccountID)
	}
}

func (s suite) preferencesDigestDue(t *testing.T) {
	st, ctx := s.open(t), t.Context()
	rows := []struct {
		account string
		email   models.Frequency
		last    time.Duration
	}{
		{"ac-1", models.FrequencyDaily, 3 * time.Hour},
		{"ac-2", models.FrequencyDaily, time.Hour},
		{"ac-3", models.FrequencyWeekly, time.Hour},
		{"ac-4", models.FrequencyInstant, 0},
		{"ac-5", models.FrequencyOff, 0},
		{"ac-6", models.FrequencyDaily, 2 * time.Hour},
		{"ac-7", models.FrequencyDaily, 5 * time.Hour},
	}
	for _, r := range rows {
		must(t, "SavePreferences", st.SavePreferences(ctx, preferences(r.account, func(p *models.Preferences) {
			p.Email, p.LastDigestAt = r.email, at(r.last)
		})))
	}
	cases := []struct {
		name   string
		f      models.Frequency
		before time.Time
		limit  int
		want   []string
	}{
		{"daily", models.FrequencyDaily, at(4 * time.Hour), 10, []string{"ac-2", "ac-6", "ac-1"}},
		{"daily, limited", models.FrequencyDaily, at(4 * time.Hour), 2, []string{"ac-2", "ac-6"}},
		{"strictly before", models.FrequencyDaily, at(2 * time.Hour), 10, []string{"ac-2"}},
		{"weekly", models.FrequencyWeekly, at(4 * time.Hour), 10, []string{"ac-3"}},
		{"none due", models.FrequencyDaily, at(0), 10, nil},
	}
	for _, c := range cases {
		got, err := st.DigestDue(ctx, c.f, c.before, c.limit)
		must(t, "DigestDue", err)
		var accounts []string
		for _, p := range got {
			accounts = append(accounts, p.AccountID)
		}
		if !slices.Equal(accounts, c.want) {
			t.Errorf("DigestDue(%s) = %v, want %v (oldest digest first)", c.name, accounts, c.want)
		}
	}
	got, err := st.DigestDue(ctx, models.FrequencyWeekly, at(4*time.Hour), 10)
	must(t, "DigestDue", err)
	if len(got) == 1 {
		want := preferences("ac-3", func(p *models.Preferences) {
			p.Email, p.LastDigestAt, p.Version = models.FrequencyWeekly, at(time.Hour), 1
		})
		assertSame(t, "due preferences", want, got[0])
	}
}
