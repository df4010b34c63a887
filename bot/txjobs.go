package bot

import "trackbot/domain"

// A use case may queue messages of its own in the transaction it runs in:
// saving numbers queues the alerts they fire (domain.EvaluateAlerts). The
// commit hands the changes a transaction that notes every job its outbox
// takes, so the sender gets those jobs at once, with the update's replies.

// jobNotingTx is a transaction whose outbox notes the jobs it takes.
type jobNotingTx struct {
	domain.Tx
	added *[]*domain.OutboxJob
}

// Outbox returns the transaction's outbox, noting what it takes.
func (t jobNotingTx) Outbox() domain.OutboxStore {
	return jobNotingOutbox{OutboxStore: t.Tx.Outbox(), added: t.added}
}

type jobNotingOutbox struct {
	domain.OutboxStore
	added *[]*domain.OutboxJob
}

// Add stores the job and notes it when the outbox took it.
func (o jobNotingOutbox) Add(job *domain.OutboxJob) (bool, error) {
	ok, err := o.OutboxStore.Add(job)
	if ok && err == nil {
		*o.added = append(*o.added, job)
	}
	return ok, err
}
