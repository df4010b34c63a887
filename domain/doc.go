// Package domain holds the business of trackbot: workspaces and roles, the
// end-to-end funnel per client segment, its calculations, hypotheses and
// reviews, the questions a tracker asks, and schedule arithmetic.
//
// It imports only the standard library so every rule is testable in
// microseconds. Storage, Telegram and charts live in sibling packages that
// depend on this one, never the other way round.
package domain
