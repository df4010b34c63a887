// Package bot is trackbot's Telegram side: it polls updates, routes commands
// and button presses to the business in package domain, and delivers replies
// and posts through a durable outbox that respects Telegram's limits.
//
// It is the only package that imports the Telegram library. Every update is
// handled in two steps: a handler reads state and asks Telegram what it must
// (getChatMember, file downloads) without holding a write transaction, then
// its state changes, its replies and the new poll offset commit together in
// one store transaction, so a crash neither loses nor repeats a command.
//
// Telegram has no idempotency key, so a message it took just before a
// crash may go out twice. The outbox repeats only what is harmless twice
// (domain.OutboxJob.RepeatHarmless) and every copy behaves as one: a press
// is acted on only when the pressed message has that button and its data
// names the object it acts on, and a prompt carries what it asks (see
// prompt.go), so a reply to any copy answers it once.
package bot
