package server

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Gauges are the values Metrics reads from the instance when scraped.
type Gauges struct {
	// IndexLag is how many store changes the search index has not applied yet.
	IndexLag func(ctx context.Context) (int64, error)
	// OutboxDepth is how many mails wait to be sent.
	OutboxDepth func(ctx context.Context) (int, error)
	// PostingsCache is what the search engine's cache of decoded postings holds, and the lookups it answered
	// and missed so far.
	PostingsCache func() (bytes int64, hits, misses uint64)
}

// Metrics are the Prometheus metrics of one instance, served at /metrics: HTTP latency by route, search and
// match latency, the index's lag behind the store, the outbox's depth, mails sent and failed, and the Go
// runtime's. A nil *Metrics records nothing.
type Metrics struct {
	registry *prometheus.Registry
	http     *prometheus.HistogramVec
	search   *prometheus.HistogramVec
	match    *prometheus.HistogramVec
	mails    *prometheus.CounterVec
}

// gaugeTimeout bounds what a scrape waits for the store.
const gaugeTimeout = 2 * time.Second

// NewMetrics registers the metrics of an instance.
func NewMetrics(g Gauges) *Metrics {
	buckets := []float64{.001, .0025, .005, .01, .02, .04, .08, .15, .3, .6, 1.2, 2.5, 5}
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		http: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "innonet_http_request_duration_seconds",
			Help: "Time to answer an HTTP request, by route pattern, method and status code.", Buckets: buckets},
			[]string{"route", "method", "status"}),
		search: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "innonet_search_duration_seconds",
			Help: "Time of a directory or challenge search or a typeahead, by kind.", Buckets: buckets}, []string{"kind"}),
		match: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "innonet_match_duration_seconds",
			Help: "Time to match a challenge with solvers, teams or a member with challenges, by kind.", Buckets: buckets},
			[]string{"kind"}),
		mails: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "innonet_mails_total",
			Help: "Mails the outbox tried to send, by outcome (sent, failed)."}, []string{"outcome"}),
	}
	m.registry.MustRegister(m.http, m.search, m.match, m.mails,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if g.IndexLag != nil {
		m.registry.MustRegister(gaugeFunc("innonet_index_lag_changes",
			"Store changes the search index has not applied yet (-1: unknown).", g.IndexLag))
	}
	if g.OutboxDepth != nil {
		m.registry.MustRegister(gaugeFunc("innonet_outbox_depth", "Mails waiting in the outbox (-1: unknown).", g.OutboxDepth))
	}
	if g.PostingsCache != nil {
		m.registry.MustRegister(postingsCacheMetrics(g.PostingsCache)...)
	}
	for _, o := range []string{"sent", "failed"} {
		m.mails.WithLabelValues(o)
	}
	return m
}

// postingsCacheMetrics are the size of the search engine's postings cache and its hits and misses.
func postingsCacheMetrics(read func() (int64, uint64, uint64)) []prometheus.Collector {
	return []prometheus.Collector{
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "innonet_search_postings_cache_bytes",
			Help: "Bytes of decoded postings the search engine keeps (--search-cache bounds them)."},
			func() float64 { b, _, _ := read(); return float64(b) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "innonet_search_postings_cache_hits_total",
			Help: "Lookups of a term's postings answered from the cache."},
			func() float64 { _, h, _ := read(); return float64(h) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "innonet_search_postings_cache_misses_total",
			Help: "Lookups of a term's postings that decoded them."},
			func() float64 { _, _, m := read(); return float64(m) }),
	}
}

// gaugeFunc is a gauge read at scrape time, within gaugeTimeout; -1 when the read fails.
func gaugeFunc[N int | int64](name, help string, read func(context.Context) (N, error)) prometheus.GaugeFunc {
	return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, func() float64 {
		ctx, cancel := context.WithTimeout(context.Background(), gaugeTimeout)
		defer cancel()
		n, err := read(ctx)
		if err != nil {
			return -1
		}
		return float64(n)
	})
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// MailAttempted counts one attempt of the outbox to send a mail.
func (m *Metrics) MailAttempted(sent bool) {
	if m == nil {
		return
	}
	outcome := "failed"
	if sent {
		outcome = "sent"
	}
	m.mails.WithLabelValues(outcome).Inc()
}

// timeSearch starts timing a search of a kind; the returned function records it.
func (m *Metrics) timeSearch(kind string) func() {
	if m == nil {
		return func() {}
	}
	return timer(m.search, kind)
}

// timeMatch starts timing a matching of a kind; the returned function records it.
func (m *Metrics) timeMatch(kind string) func() {
	if m == nil {
		return func() {}
	}
	return timer(m.match, kind)
}

func timer(h *prometheus.HistogramVec, kind string) func() {
	start := time.Now()
	return func() { h.WithLabelValues(kind).Observe(time.Since(start).Seconds()) }
}

// observeRequest records the duration of a request by its route pattern (never its raw path, which would
// make a series per member).
func (m *Metrics) observeRequest(route, method string, status int, took time.Duration) {
	if m == nil {
		return
	}
	if route == "" {
		route = "unmatched"
	}
	m.http.WithLabelValues(route, method, strconv.Itoa(status)).Observe(took.Seconds())
}
