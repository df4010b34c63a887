// Package storage keeps trackbot's durable state in one bbolt file and
// implements domain.Store. It is the only package that imports bbolt.
//
// Every change caused by one Telegram update (the workspace, the weekly
// record, the replies queued in the outbox and the new poll offset) commits
// in one bbolt transaction, so a crash either keeps all of it or none.
//
// Bucket layout (all integers big-endian, so keys sort numerically; ids are
// unsigned, chat ids are their two's-complement bits):
//
//	meta             "schema_version" → uint64; "poll_offset" → int64;
//	                 "handled_updates" → the last 1000 webhook update ids applied (int64 each, oldest first);
//	                 "health_check" → int64 Unix nanoseconds of the last /healthz write
//	workspaces       id (8 bytes, from the bucket's NextSequence) → workspace row, its plans included
//	workspace_chats  chat id (8) → workspace id (8)
//	records          workspace (8) | segment | 0x00 | year (2) | week (1) → record row
//	record_history   record key | sequence (8) → replaced record row with the time it was replaced
//	outbox           job id (8, NextSequence) → job row without file bytes
//	outbox_files     job id (8) | file index (4) → raw file bytes, only while the job is pending
//	outbox_pending   job id (8) → empty; the jobs still to send, in insertion order
//	outbox_keys      dedup key → job id (8), plus sent time and outcome once the job is pruned
//	drafts           draft id (8, NextSequence) → draft row
//	hypotheses       workspace id (8) → nested bucket: hypothesis id (8, its NextSequence) → hypothesis row
//	reviews          workspace id (8) → nested bucket: review id (8) → review row, with its questions
//	                 and their answers, participants and protocol; the last key is the newest review
//	revisions        workspace id (8) → nested bucket: revision id (8, its NextSequence) → revision row:
//	                 one confirmed save or undo with each figure's old and new value; never changed or deleted
//	market           workspace id (8) → bucket (see market.go):
//	                   'p' | segment | 0x00 | player key → competitor row
//	                   's' | segment → the segment's volume and positioning statement
//	                   'i' | import id (8) → competitor sheet waiting for confirmation
//	alerts           workspace id (8) → nested bucket: rule id (8, its NextSequence) → alert rule row
//	sources          workspace id (8) → nested bucket: source id (8, its NextSequence) → source row; the
//	                 secret only sealed with AES-256-GCM under the key from outside the file (secrets.go)
//
// Segment keys never hold a 0x00 byte, which ends the segment in a record
// key: a segment's records are one contiguous key range sorted by week, so
// Range is a cursor seek. Rows are JSON of unexported structs with a "v"
// version; domain types carry no storage tags. Times are stored as Unix
// nanoseconds and come back in UTC. The schema version in meta is raised by
// the ordered migrations that run at Open.
package storage
