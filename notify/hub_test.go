package notify

import (
	"sync"
	"testing"
	"time"
)

func woke(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

func TestHubWakesOnlyTheAccount(t *testing.T) {
	var h Hub
	a, stopA := h.Subscribe("acc-a")
	defer stopA()
	b, stopB := h.Subscribe("acc-b")
	defer stopB()
	h.Publish("acc-a")
	if !woke(a) {
		t.Error("acc-a was not woken")
	}
	if woke(b) {
		t.Error("acc-b was woken by a publish to acc-a")
	}
	h.Publish("acc-a", "acc-b", "nobody")
	if !woke(a) || !woke(b) {
		t.Error("a publish to both did not wake both")
	}
}

func TestHubCoalescesWakeUps(t *testing.T) {
	var h Hub
	ch, stop := h.Subscribe("acc")
	defer stop()
	for range 5 {
		h.Publish("acc")
	}
	if !woke(ch) {
		t.Fatal("no wake-up")
	}
	if woke(ch) {
		t.Error("five publishes left more than one pending wake-up")
	}
}

func TestHubWakesEveryTabOfAnAccount(t *testing.T) {
	var h Hub
	one, stop1 := h.Subscribe("acc")
	two, stop2 := h.Subscribe("acc")
	h.Publish("acc")
	if !woke(one) || !woke(two) {
		t.Error("not every subscription of the account was woken")
	}
	stop1()
	stop1()
	h.Publish("acc")
	if woke(one) || !woke(two) {
		t.Error("an ended subscription was woken, or the other was not")
	}
	stop2()
	if n := h.Subscribers(); n != 0 || len(h.subs) != 0 {
		t.Errorf("after unsubscribing: %d subscribers, %d accounts held", n, len(h.subs))
	}
}

func TestHubCloseEndsEveryStream(t *testing.T) {
	h := &Hub{}
	var chans []<-chan struct{}
	var stops []func()
	for _, id := range []string{"a", "a", "b"} {
		ch, stop := h.Subscribe(id)
		chans, stops = append(chans, ch), append(stops, stop)
	}
	h.Close()
	for i, ch := range chans {
		select {
		case _, ok := <-ch:
			if ok {
				if _, ok := <-ch; ok {
					t.Errorf("stream %d: channel not closed", i)
				}
			}
		case <-time.After(time.Second):
			t.Errorf("stream %d: not woken by Close", i)
		}
	}
	for _, stop := range stops {
		stop()
	}
	h.Publish("a")
	h.Close()
	late, stop := h.Subscribe("a")
	defer stop()
	if _, ok := <-late; ok {
		t.Error("a Subscribe after Close returned an open channel")
	}
	if h.Subscribers() != 0 {
		t.Errorf("Subscribers = %d after Close", h.Subscribers())
	}
}

func TestHubConcurrentSubscribersDoNotLeak(t *testing.T) {
	var h Hub
	var wg sync.WaitGroup
	accounts := []string{"a", "b", "c", "d"}
	for i := range 200 {
		wg.Go(func() {
			id := accounts[i%len(accounts)]
			for range 50 {
				ch, stop := h.Subscribe(id)
				h.Publish(accounts...)
				select {
				case <-ch:
				case <-time.After(5 * time.Second):
					t.Error("a subscriber missed a wake-up published after it subscribed")
				}
				stop()
			}
		})
	}
	for range 4 {
		wg.Go(func() {
			for range 1000 {
				h.Publish(accounts...)
				_ = h.Subscribers()
			}
		})
	}
	wg.Wait()
	if n := h.Subscribers(); n != 0 || len(h.subs) != 0 {
		t.Errorf("after every unsubscribe: %d subscribers, %d accounts held", n, len(h.subs))
	}
}
