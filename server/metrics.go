package server

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v5"
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
		m.registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "innonet_index_lag_changes",
			Help: "Store changes the search index has not applied yet (-1: unknown)."}, func() float64 {
			ctx, cancel := context.WithTimeout(context.Background(), gaugeTimeout)
			defer cancel()
			n, err := g.IndexLag(ctx)
			if err != nil {
				return -1
			}
			return float64(n)
		}))
	}
	if g.OutboxDepth != nil {
		m.registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "innonet_outbox_depth",
			Help: "Mails waiting in the outbox (-1: unknown)."}, func() float64 {
			ctx, cancel := context.WithTimeout(context.Background(), gaugeTimeout)
			defer cancel()
			n, err := g.OutboxDepth(ctx)
			if err != nil {
				return -1
			}
			return float64(n)
		}))
	}
	for _, o := range []string{"sent", "failed"} {
		m.mails.WithLabelValues(o)
	}
	return m
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
func (m *Metrics) timeSearch(kind string) func() { return m.timer(m.searchVec(), kind) }

// timeMatch starts timing a matching of a kind; the returned function records it.
func (m *Metrics) timeMatch(kind string) func() { return m.timer(m.matchVec(), kind) }

func (m *Metrics) searchVec() *prometheus.HistogramVec {
	if m == nil {
		return nil
	}
	return m.search
}

func (m *Metrics) matchVec() *prometheus.HistogramVec {
	if m == nil {
		return nil
	}
	return m.match
}

func (m *Metrics) timer(h *prometheus.HistogramVec, kind string) func() {
	if h == nil {
		return func() {}
	}
	start := time.Now()
	return func() { h.WithLabelValues(kind).Observe(time.Since(start).Seconds()) }
}

// observeHTTP records the duration of each request by its route pattern (never its raw path, which would
// make a series per member).
func (s *Server) observeHTTP(next echo.HandlerFunc) echo.HandlerFunc {
	if s.metrics == nil {
		return next
	}
	return func(c *echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Echo().HTTPErrorHandler(c, err)
		}
		status := 0
		if r, _ := echo.UnwrapResponse(c.Response()); r != nil {
			status = r.Status
		}
		route := c.Path()
		if route == "" {
			route = "unmatched"
		}
		s.metrics.http.WithLabelValues(route, c.Request().Method, strconv.Itoa(status)).Observe(time.Since(start).Seconds())
		return nil
	}
}
