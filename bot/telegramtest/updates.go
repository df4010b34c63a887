package telegramtest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

// conflictDescription is Telegram's text for competing getUpdates calls.
const conflictDescription = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"

// queuedUpdate is an update waiting for confirmation. Its JSON is frozen
// when it is queued, as Telegram's is: a button press carries the message
// as it looked at the time of the press.
type queuedUpdate struct {
	id    int
	epoch int
	raw   json.RawMessage
}

// updateQueue is the getUpdates state; it is guarded by Server.mu.
//
// Telegram may restart update_id at a lower value after a bot was idle
// for a week. The fake models this with epochs: RestartUpdateIDs starts a
// new epoch, and an offset only confirms an update of a restarted epoch
// when the offset could have been computed from that epoch's ids (it is
// at most the epoch's highest id + 1). An offset left over from the old,
// higher numbering therefore confirms nothing, and the new updates keep
// being delivered until the client confirms them with offsets of the new
// numbering.
type updateQueue struct {
	pending      []queuedUpdate
	nextID       int
	epoch        int
	epochMax     map[int]int
	active       *poller
	conflictNext bool
}

// poller is one getUpdates call in progress.
type poller struct {
	terminated chan struct{}
}

func newUpdateQueue(first int) updateQueue {
	return updateQueue{nextID: first, epochMax: map[int]int{}}
}

func init() {
	register("getUpdates", handleGetUpdates)
}

// enqueueLocked assigns the next update_id to u and queues it. s.mu must
// be held.
func (s *Server) enqueueLocked(u wireUpdate) int {
	q := &s.updates
	u.UpdateID = q.nextID
	q.nextID++
	q.epochMax[q.epoch] = u.UpdateID
	raw, err := json.Marshal(u)
	if err != nil {
		panic("telegramtest: marshal update: " + err.Error())
	}
	q.pending = append(q.pending, queuedUpdate{id: u.UpdateID, epoch: q.epoch, raw: raw})
	s.touchLocked()
	return u.UpdateID
}

// confirm drops the updates that offset confirms and reports whether any
// were dropped. A negative offset keeps only the last -offset updates, as
// documented for getUpdates.
func (q *updateQueue) confirm(offset int) bool {
	before := len(q.pending)
	switch {
	case offset < 0:
		if n := -offset; n < len(q.pending) {
			q.pending = append([]queuedUpdate(nil), q.pending[len(q.pending)-n:]...)
		}
	case offset > 0:
		kept := make([]queuedUpdate, 0, len(q.pending))
		for _, u := range q.pending {
			if !q.confirms(offset, u) {
				kept = append(kept, u)
			}
		}
		q.pending = kept
	}
	return len(q.pending) != before
}

// confirms tells whether offset confirms u (see updateQueue).
func (q *updateQueue) confirms(offset int, u queuedUpdate) bool {
	if u.id >= offset {
		return false
	}
	return u.epoch == 0 || offset <= q.epochMax[u.epoch]+1
}

// batch returns up to limit pending updates in queue order.
func (q *updateQueue) batch(limit int) []json.RawMessage {
	out := make([]json.RawMessage, 0, min(limit, len(q.pending)))
	for _, u := range q.pending[:min(limit, len(q.pending))] {
		out = append(out, u.raw)
	}
	return out
}

// startPollLocked registers a new getUpdates call. Like Telegram, a new
// call terminates the one in progress with 409. It reports a conflict
// when SimulateConflict armed one.
func (s *Server) startPollLocked() (*poller, bool) {
	q := &s.updates
	if q.conflictNext {
		q.conflictNext = false
		return nil, true
	}
	if q.active != nil {
		close(q.active.terminated)
	}
	q.active = &poller{terminated: make(chan struct{})}
	return q.active, false
}

// endPoll unregisters p if it is still the active poll.
func (s *Server) endPoll(p *poller) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.updates.active == p {
		s.updates.active = nil
	}
}

func conflictError() *apiError {
	return &apiError{code: http.StatusConflict, desc: conflictDescription}
}

// handleGetUpdates implements getUpdates with long polling.
func handleGetUpdates(s *Server, r *request) (any, *apiError) {
	offset, err1 := intParam(r, "offset")
	limit, err2 := intParam(r, "limit")
	timeout, err3 := intParam(r, "timeout")
	if e := firstError(err1, err2, err3); e != nil {
		return nil, e
	}
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	s.mu.Lock()
	if s.webhookActiveLocked() {
		s.mu.Unlock()
		return nil, &apiError{code: http.StatusConflict, desc: webhookConflictDescription}
	}
	p, conflict := s.startPollLocked()
	s.mu.Unlock()
	if conflict {
		return nil, conflictError()
	}
	defer s.endPoll(p)
	var expired <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(time.Duration(timeout) * time.Second)
		defer t.Stop()
		expired = t.C
	}
	for {
		select {
		case <-p.terminated:
			return nil, conflictError()
		default:
		}
		s.mu.Lock()
		if s.updates.confirm(offset) {
			s.touchLocked()
		}
		batch := s.updates.batch(limit)
		changed := s.changed
		s.mu.Unlock()
		if len(batch) > 0 || timeout <= 0 {
			return batch, nil
		}
		select {
		case <-changed:
		case <-expired:
			return batch, nil
		case <-p.terminated:
			return nil, conflictError()
		case <-r.ctx.Done():
			return nil, &apiError{code: 499, desc: "client went away"}
		case <-s.done:
			return batch, nil
		}
	}
}

// RestartUpdateIDs makes the next queued updates start at update_id n,
// usually lower than before, as Telegram does after a week of silence.
// Call it when the bot has confirmed everything (see PendingUpdates):
// Telegram never restarts with updates pending.
func (s *Server) RestartUpdateIDs(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.updates.nextID = n
	s.updates.epoch++
}

// SimulateConflict answers the getUpdates call in progress with 409
// Conflict, as if another instance had started polling; if none is in
// progress, the next getUpdates gets the 409.
func (s *Server) SimulateConflict() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.updates.active != nil {
		close(s.updates.active.terminated)
		s.updates.active = nil
		return
	}
	s.updates.conflictNext = true
}

// PendingUpdates returns how many queued updates the bot has not yet
// confirmed.
func (s *Server) PendingUpdates() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.updates.pending)
}

// intParam reads an optional integer parameter (0 when absent).
func intParam(r *request, name string) (int, *apiError) {
	v := r.params[name]
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, badRequest("field %q must be of type Integer", name)
	}
	return n, nil
}

// firstError returns the first non-nil error.
func firstError(errs ...*apiError) *apiError {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
