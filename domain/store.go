package domain

import "time"

// Store is the durable state of all workspaces. Every change made while
// handling one Telegram update happens in one Update, together with the
// poll offset and the replies, so a crash never loses or repeats a command.
type Store interface {
	View(fn func(Tx) error) error
	Update(fn func(Tx) error) error
}

// Tx is one transaction over the store. Values read from it are copies and
// stay valid after it ends.
type Tx interface {
	Workspaces() WorkspaceStore
	Records() RecordStore
	Outbox() OutboxStore
	Poll() PollState
	Drafts() DraftStore
	Hypotheses() HypothesisStore
	Reviews() ReviewStore
	Revisions() RevisionStore
	Market() MarketStore
	Alerts() AlertStore
	Sources() SourceStore
}

// WorkspaceStore keeps workspaces with their settings, stages, segments
// and members.
type WorkspaceStore interface {
	// Get returns the workspace or an ENOTFOUND error.
	Get(id int64) (*Workspace, error)
	// ByChat returns the workspace bound to the chat or an ENOTFOUND error.
	ByChat(chatID int64) (*Workspace, error)
	// Create assigns the workspace an id and stores it; the chat must be free.
	Create(w *Workspace) error
	// Put replaces a stored workspace.
	Put(w *Workspace) error
	// MoveChat rebinds the workspace of chat from to chat to (a group
	// upgraded to a supergroup).
	MoveChat(from, to int64) error
	// List returns all workspaces ordered by id.
	List() ([]*Workspace, error)
}

// RecordStore keeps weekly records. Put keeps the replaced version in the
// record's history, so a correction never loses what was there before.
type RecordStore interface {
	Get(workspace int64, segment string, week Week) (WeeklyRecord, bool, error)
	Put(workspace int64, r WeeklyRecord) error
	// Range returns the segment's records from..to inclusive, oldest first.
	// An empty segment means every segment.
	Range(workspace int64, segment string, from, to Week) ([]WeeklyRecord, error)
	// History returns the replaced versions of a record, oldest first.
	History(workspace int64, segment string, week Week) ([]WeeklyRecord, error)
}

// PollState keeps where the bot is in Telegram's stream of updates: the
// long-poll offset, and for webhooks the ids of the updates applied.
type PollState interface {
	Offset() (int, error)
	SetOffset(offset int) error
	// Handled reports whether the update with id was applied, so a webhook
	// delivery Telegram repeats (its answer was lost) changes nothing.
	Handled(updateID int) (bool, error)
	// MarkHandled records the update as applied, in the transaction that
	// holds its effects. Only the most recent ids are kept.
	MarkHandled(updateID int) error
}

// OutboxStore keeps what the bot has to send until Telegram has taken it.
type OutboxStore interface {
	// Add stores a job unless a job with the same non-empty Key exists;
	// added is false for such a duplicate. Add assigns ID.
	Add(job *OutboxJob) (added bool, err error)
	// Pending returns unsent jobs in the order they were added.
	Pending() ([]*OutboxJob, error)
	// Put updates a job (attempts, next try, chat id after a migration).
	Put(job *OutboxJob) error
	// Done marks the job sent (or given up) and records the message ids
	// Telegram returned; its key stays reserved so it is never sent twice.
	Done(id int64, messageIDs []int, at time.Time) error
	// Get returns a job by id, sent or not.
	Get(id int64) (*OutboxJob, error)
	// ByKey returns the job with key, sent or not.
	ByKey(key string) (*OutboxJob, bool, error)
	// FinishedSince returns the jobs that finished (sent, or given up as
	// possibly sent) at or after since, for the sender to pace a restart
	// against what it sent before.
	FinishedSince(since time.Time) ([]*OutboxJob, error)
}

// HypothesisStore keeps hypotheses, drafts included, per workspace.
type HypothesisStore interface {
	// Create assigns the hypothesis its workspace's next id and stores it.
	Create(h *Hypothesis) error
	// Get returns the workspace's hypothesis with the id or an ENOTFOUND
	// error, also when the id belongs to another workspace.
	Get(workspace, id int64) (*Hypothesis, error)
	// Put replaces a stored hypothesis.
	Put(h *Hypothesis) error
	// Delete removes a hypothesis (an abandoned draft).
	Delete(workspace, id int64) error
	// List returns the workspace's hypotheses ordered by id.
	List(workspace int64) ([]*Hypothesis, error)
}

// ReviewStore keeps review sessions per workspace.
type ReviewStore interface {
	// Create assigns the review its workspace's next id and stores it.
	Create(r *Review) error
	// Get returns the workspace's review with the id or an ENOTFOUND error.
	Get(workspace, id int64) (*Review, error)
	// Put replaces a stored review.
	Put(r *Review) error
	// List returns the workspace's reviews ordered by id.
	List(workspace int64) ([]*Review, error)
	// Latest returns the workspace's newest review, or nil when it has
	// none. A review opens only when none is open, so the open review, if
	// any, is the newest; this read does not decode the older ones.
	Latest(workspace int64) (*Review, error)
}
