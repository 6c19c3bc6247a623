package main

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// summary is the outcome of a run.
type summary struct {
	Cycles                                    int
	Updates, Challenges, Published, Interests int64
	Lost, Mismatches                          int

	Outbox, Received, Once int
	MailLost, Undrained    int // in the outbox: never received; not sent when the drain ended
	Duplicates, InWindow   int // received more than once; of those, received before a kill unrecorded
	Unknown                int // received, not in the outbox
	NotMailed              int // notifications without the mail they should have caused
	InterestsUnnotified    int // interests in the store without their notification
	Drain                  time.Duration
}

func (s *summary) add(t *tally, cr *checkResult) {
	s.Cycles++
	s.Updates += t.updates.Load()
	s.Challenges += t.challenges.Load()
	s.Published += t.published.Load()
	s.Interests += t.interests.Load()
	s.Lost += cr.lost
	s.Mismatches += cr.mismatches
}

// ok is the verdict: nothing acknowledged lost, the index equal to the store, every mail once (a second receipt
// of a mail received before a kill that the store had not recorded as sent is at-least-once, reported apart).
func (s *summary) ok() bool {
	return s.Lost == 0 && s.Mismatches == 0 && s.MailLost == 0 && s.Undrained == 0 && s.Unknown == 0 &&
		s.Duplicates == s.InWindow && s.NotMailed == 0 && s.InterestsUnnotified == 0
}

// finish waits for the outbox and the jobs to drain, stops the server, and accounts for every mail.
func (w *world) finish(ctx context.Context) (*summary, error) {
	start := time.Now()
	var v *storeView
	var err error
	for {
		if v, err = readStore(ctx, w.c.Data); err != nil {
			return nil, err
		}
		if v.Unsent() == 0 && v.PendingJobs == 0 || time.Since(start) > w.c.Drain {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	time.Sleep(time.Second)
	if err := w.srv.Stop(30 * time.Second); err != nil {
		return nil, err
	}
	w.srv = nil
	if v, err = readStore(ctx, w.c.Data); err != nil {
		return nil, err
	}
	s := &w.sum
	s.Drain = time.Since(start)
	w.accountMail(v)
	fmt.Fprintf(w.out, "crashtest: %d cycles; acknowledged %d updates, %d challenges (%d published), %d interests: lost %d; "+
		"index mismatches %d; mail: %d in the outbox, %d received once, lost %d, not sent after the drain %d, "+
		"duplicates %d (%d in the at-least-once window, %d unexplained), unknown %d, notifications without their mail %d, "+
		"interests without their notification %d; drained in %.0fs; %s\n",
		s.Cycles, s.Updates, s.Challenges, s.Published, s.Interests, s.Lost, s.Mismatches, s.Outbox, s.Once, s.MailLost,
		s.Undrained, s.Duplicates, s.InWindow, s.Duplicates-s.InWindow, s.Unknown, s.NotMailed, s.InterestsUnnotified,
		s.Drain.Seconds(), map[bool]string{true: "PASS", false: "FAIL"}[s.ok()])
	return s, nil
}

// accountMail compares the outbox with what the mailbox received, and the notifications with the mails.
func (w *world) accountMail(v *storeView) {
	s := &w.sum
	got := w.mb.receipts()
	count := map[string]int{}
	linked := map[string]bool{} // recipient + " " + challenge
	for _, r := range got {
		count[r.MessageID]++
		for _, c := range r.Challenges {
			linked[r.To+" "+c] = true
		}
	}
	s.Outbox, s.Received = len(v.Outbox), len(got)
	for id, o := range v.Outbox {
		switch n := count[id]; {
		case n == 0 && !o.Sent:
			s.Undrained++
			fmt.Fprintf(w.out, "  MAIL not sent: %s %s %s\n", o.Key, id, o.LastError)
		case n == 0:
			s.MailLost++
			fmt.Fprintf(w.out, "  MAIL LOST: %s %s recorded as sent, never received\n", o.Key, id)
		case n == 1:
			s.Once++
		default:
			s.Duplicates++
			if w.windowed[id] {
				s.InWindow++
			} else {
				fmt.Fprintf(w.out, "  MAIL DUPLICATE: %s %s received %d times\n", o.Key, id, n)
			}
		}
	}
	for id := range count {
		if _, ok := v.Outbox[id]; !ok {
			s.Unknown++
		}
	}
	keys := map[string]bool{}
	for _, o := range v.Outbox {
		keys[o.Key] = true
	}
	notified := map[string]bool{} // interests whose agency was notified
	for _, n := range v.Notifications {
		if id, ok := interestOfKey(n.Key); ok {
			notified[id] = true
		}
		to := strings.ToLower(v.Emails[n.AccountID])
		switch n.Type {
		case "challenge_match", "profile_match":
			if !linked[to+" "+n.ChallengeID] {
				s.NotMailed++
				fmt.Fprintf(w.out, "  NOT MAILED: %s (%s)\n", n.Key, n.Type)
			}
		case "interest":
			if !keys[n.Key] {
				s.NotMailed++
				fmt.Fprintf(w.out, "  NOT MAILED: %s\n", n.Key)
			}
		}
	}
	for id := range v.Interests {
		if !notified[id] {
			s.InterestsUnnotified++
			fmt.Fprintf(w.out, "  INTEREST WITHOUT NOTIFICATION: %s\n", id)
		}
	}
}

// interestOfKey reads the interest of a notification key "interest:<interest>:<account>".
func interestOfKey(key string) (string, bool) {
	rest, ok := strings.CutPrefix(key, "interest:")
	if !ok {
		return "", false
	}
	id, _, ok := strings.Cut(rest, ":")
	return id, ok
}
