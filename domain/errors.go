package domain

import "errors"

// Error codes say what kind of failure happened; exactly one place (the
// bot's reply rendering) turns them into what the user sees.
const (
	ECONFLICT  = "conflict"  // the action conflicts with the current state
	EINTERNAL  = "internal"  // a bug or an outside failure; details go to the log only
	EINVALID   = "invalid"   // the input is wrong; the message says how to fix it
	ENOTFOUND  = "not_found" // the thing named does not exist
	EFORBIDDEN = "forbidden" // the user's role does not allow the action
	// ESTALE: the person acted on something outdated (a button of an old
	// card, numbers already saved); it is a notice, not a problem, and the
	// bot shows the current state along with it.
	ESTALE = "stale"
)

// Error is a failure the user may see. Key names a localized text in the
// catalog (see Text) and Args fill its placeholders, so the same error reads
// well in English and in Russian.
type Error struct {
	Code string
	Key  string
	Args []any
}

// Errorf returns an *Error with the given code, text key and arguments.
func Errorf(code, key string, args ...any) *Error {
	return &Error{Code: code, Key: key, Args: args}
}

// Error renders the error in English, for logs and the command line.
func (e *Error) Error() string {
	return e.Localize(English)
}

// Localize renders the error in the given language. What the person wrote
// is quoted shortened (see Echo), so the reason is never crowded out.
func (e *Error) Localize(lang Lang) string {
	return Text(lang, e.Key, echoArgs(e.Args)...)
}

// ErrorCode returns the code of err, or EINTERNAL when err is not an *Error.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	}
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// UserMessage renders err for a user in lang. Errors that are not *Error are
// internal: their details may hold paths or secrets, so the user only gets a
// generic line.
func UserMessage(lang Lang, err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Localize(lang)
	}
	return Text(lang, "error.internal")
}
