package bot

import (
	"errors"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"trackbot/domain"
)

// Metrics counts what the bot does, for Prometheus. It has a registry of
// its own (not the global one), so two bots in one test process never
// share counters. Every method is safe for concurrent use.
type Metrics struct {
	reg *prometheus.Registry

	updates         *prometheus.CounterVec
	updateSeconds   prometheus.Histogram
	handlerErrors   *prometheus.CounterVec
	sends           *prometheus.CounterVec
	retryAfterWaits prometheus.Counter
	retryAfterSecs  prometheus.Counter
	scheduleRuns    *prometheus.CounterVec
	scheduleMisses  *prometheus.CounterVec
	sourceSyncs     *prometheus.CounterVec
	webhook         *prometheus.CounterVec
}

// NewMetrics returns the bot's collectors, registered with the Go runtime
// and process collectors in a fresh registry.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		updates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "trackbot_updates_handled_total",
			Help: "Telegram updates handled and committed, by kind (command, message, button, membership, other).",
		}, []string{"kind"}),
		updateSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "trackbot_update_duration_seconds",
			Help:    "Time from taking an update to its committed effects, charts included.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}),
		handlerErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "trackbot_handler_errors_total",
			Help: "Updates whose handler refused or failed, by command (or button) and error code; code internal is a bug or an outage.",
		}, []string{"command", "code"}),
		sends: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "trackbot_sends_total",
			Help: "Bot API requests made for outbox jobs, by method and result (ok, 429, 4xx, 5xx, network).",
		}, []string{"method", "result"}),
		retryAfterWaits: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "trackbot_retry_after_waits_total",
			Help: "429 answers that made the sender wait retry_after.",
		}),
		retryAfterSecs: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "trackbot_retry_after_seconds_total",
			Help: "Seconds of retry_after Telegram asked the sender to wait.",
		}),
		scheduleRuns: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "trackbot_schedule_runs_total",
			Help: "Scheduled runs handled (posted, or nothing to say), by kind.",
		}, []string{"kind"}),
		scheduleMisses: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "trackbot_schedule_misses_total",
			Help: "Scheduled runs skipped because the bot was down past their deadline, by kind.",
		}, []string{"kind"}),
		sourceSyncs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "trackbot_source_syncs_total",
			Help: "Syncs of connected number sources, by result (ok, failed).",
		}, []string{"result"}),
		webhook: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "trackbot_webhook_requests_total",
			Help: "Webhook requests by result (handled, duplicate, unauthorized, bad_request, failed).",
		}, []string{"result"}),
	}
	m.reg.MustRegister(m.updates, m.updateSeconds, m.handlerErrors, m.sends,
		m.retryAfterWaits, m.retryAfterSecs, m.scheduleRuns, m.scheduleMisses,
		m.sourceSyncs, m.webhook,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	// Series that exist from the start read 0 rather than missing, so a
	// rate() or an alert on them works before the first event.
	for _, r := range []string{"ok", "failed"} {
		m.sourceSyncs.WithLabelValues(r)
	}
	for _, k := range domain.ScheduleKinds {
		m.scheduleRuns.WithLabelValues(string(k))
		m.scheduleMisses.WithLabelValues(string(k))
	}
	return m
}

// Handler serves the metrics in Prometheus' exposition format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Register adds collectors of other parts of the process (the outbox gauges
// of a running bot, say) to the same registry.
func (m *Metrics) Register(cs ...prometheus.Collector) { m.reg.MustRegister(cs...) }

// SourceSynced counts one sync of a number source.
func (m *Metrics) SourceSynced(ok bool) {
	result := "ok"
	if !ok {
		result = "failed"
	}
	m.sourceSyncs.WithLabelValues(result).Inc()
}

// updateHandled counts a committed update and how long it took.
func (m *Metrics) updateHandled(c *Context, took time.Duration) {
	m.updates.WithLabelValues(updateKind(c)).Inc()
	m.updateSeconds.Observe(took.Seconds())
}

// handlerFailed counts a handler's error under the command or button it
// served; labels come only from the bot's own tables, never from what a
// user typed, so the series stay few.
func (m *Metrics) handlerFailed(b *Bot, c *Context, err error) {
	m.handlerErrors.WithLabelValues(commandLabel(b, c), strings.ToLower(string(domain.ErrorCode(err)))).Inc()
}

func updateKind(c *Context) string {
	u := c.Update
	switch {
	case u.CallbackQuery != nil:
		return "button"
	case u.MyChatMember != nil:
		return "membership"
	case u.Message != nil && c.Command != "":
		return "command"
	case u.Message != nil:
		return "message"
	}
	return "other"
}

func commandLabel(b *Bot, c *Context) string {
	if c.Command != "" {
		return c.Command
	}
	if c.callbackData != "" {
		prefix, _, _ := strings.Cut(c.callbackData, ":")
		if _, ok := b.buttons()[prefix]; ok {
			return "button:" + prefix
		}
		return "button:unknown"
	}
	return "none"
}

// sent counts one Bot API request for a job by its method and Telegram's
// answer, and the waits a 429 asked for.
func (m *Metrics) sent(job *domain.OutboxJob, err error) {
	result := "ok"
	if err != nil {
		var e *apiError
		switch {
		case !errors.As(err, &e) || e.Code == 0:
			result = "network"
		case e.Code == http.StatusTooManyRequests:
			result = "429"
			m.retryAfterWaits.Inc()
			m.retryAfterSecs.Add(float64(max(e.RetryAfter, 1)))
		case e.Code >= 500:
			result = "5xx"
		default:
			result = "4xx"
		}
	}
	m.sends.WithLabelValues(jobMethod(job.Kind), result).Inc()
}

// jobMethod names the Bot API method a job kind is sent with.
func jobMethod(k domain.OutboxKind) string {
	switch k {
	case domain.SendText:
		return "sendMessage"
	case domain.SendPhoto:
		return "sendPhoto"
	case domain.SendMediaGroup:
		return "sendMediaGroup"
	case domain.SendDocument:
		return "sendDocument"
	case domain.EditText:
		return "editMessageText"
	case domain.AnswerCallback:
		return "answerCallbackQuery"
	case domain.ChatAction:
		return "sendChatAction"
	}
	return "other"
}

// scheduled counts a handled scheduled run.
func (m *Metrics) scheduled(kind domain.ScheduleKind, missed bool) {
	if missed {
		m.scheduleMisses.WithLabelValues(string(kind)).Inc()
		return
	}
	m.scheduleRuns.WithLabelValues(string(kind)).Inc()
}

// outboxCollector reports the sender's queue when Prometheus scrapes: how
// many jobs wait or are in flight, and the age of the oldest.
type outboxCollector struct {
	s     *sender
	depth *prometheus.Desc
	age   *prometheus.Desc
}

func newOutboxCollector(s *sender) *outboxCollector {
	return &outboxCollector{
		s:     s,
		depth: prometheus.NewDesc("trackbot_outbox_depth", "Outbox jobs waiting to be sent or in flight.", nil, nil),
		age:   prometheus.NewDesc("trackbot_outbox_oldest_age_seconds", "Age of the oldest job waiting to be sent; 0 when none waits.", nil, nil),
	}
}

// Describe implements prometheus.Collector.
func (o *outboxCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- o.depth
	ch <- o.age
}

// Collect implements prometheus.Collector.
func (o *outboxCollector) Collect(ch chan<- prometheus.Metric) {
	depth, oldest := o.s.queueStats()
	age := 0.0
	if !oldest.IsZero() {
		age = max(o.s.now().Sub(oldest).Seconds(), 0)
	}
	ch <- prometheus.MustNewConstMetric(o.depth, prometheus.GaugeValue, float64(depth))
	ch <- prometheus.MustNewConstMetric(o.age, prometheus.GaugeValue, age)
}

// queueStats returns how many jobs the sender holds and when the oldest
// of them was created.
func (s *sender) queueStats() (depth int, oldest time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, lane := range append([]*chatLane{{queue: s.answers}}, slices.Collect(maps.Values(s.chats))...) {
		for _, j := range lane.queue {
			if oldest.IsZero() || j.CreatedAt.Before(oldest) {
				oldest = j.CreatedAt
			}
		}
	}
	return len(s.jobs), oldest
}
