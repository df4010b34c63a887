package telegramtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	_ "image/gif" // registered so that image.DecodeConfig accepts GIF photos
	_ "image/jpeg"
	_ "image/png"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Limits of the Bot API, as documented by Telegram.
const (
	maxTextLen         = 4096
	maxCaptionLen      = 1024
	maxCallbackData    = 64
	maxAnswerTextLen   = 200
	maxPhotoBytes      = 10 << 20
	maxPhotoSideSum    = 10000
	maxPhotoAspect     = 20
	maxDownloadBytes   = 20 << 20
	maxInlineButtons   = 100
	maxCommands        = 100
	maxCommandDescLen  = 256
	minMediaGroupItems = 2
	maxMediaGroupItems = 10
)

// textLen counts like Telegram: in UTF-16 code units, so an emoji outside
// the Basic Multilingual Plane counts 2 and a Cyrillic letter 1.
func textLen(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// rendered is a text after entity parsing.
type rendered struct {
	plain    string
	entities []wireEntity
}

// renderText parses text for parse_mode and checks the length of the
// result. isCaption selects the caption limit and allows empty text.
// Markdown and MarkdownV2 are not parsed: the text is taken as is, so
// their length check is approximate.
func renderText(raw, parseMode string, isCaption bool) (rendered, *apiError) {
	if !utf8.ValidString(raw) {
		return rendered{}, badRequest("text must be encoded in UTF-8")
	}
	var out rendered
	switch strings.ToLower(parseMode) {
	case "html":
		var err error
		out, err = parseHTML(raw)
		if err != nil {
			return rendered{}, badRequest("can't parse entities: %v", err)
		}
	case "", "markdown", "markdownv2":
		out = rendered{plain: raw}
	default:
		return rendered{}, badRequest("unsupported parse_mode")
	}
	if isCaption {
		if textLen(out.plain) > maxCaptionLen {
			return rendered{}, badRequest("message caption is too long")
		}
		return out, nil
	}
	if strings.TrimSpace(out.plain) == "" {
		return rendered{}, badRequest("message text is empty")
	}
	if textLen(out.plain) > maxTextLen {
		return rendered{}, badRequest("message is too long")
	}
	return out, nil
}

// htmlEntityTypes maps the supported tags to the entity they produce.
var htmlEntityTypes = map[string]string{
	"b": "bold", "strong": "bold", "i": "italic", "em": "italic",
	"u": "underline", "ins": "underline", "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
	"a": "text_link", "code": "code", "pre": "pre", "tg-spoiler": "spoiler", "span": "spoiler",
	"blockquote": "blockquote",
}

// openTag is a start tag waiting for its end tag.
type openTag struct {
	name   string
	offset int // UTF-16 offset in the plain text
	url    string
}

// htmlParser turns Telegram-flavoured HTML into plain text and entities.
// It follows the rules of Telegram's parser (tags, nesting, entities) and
// its error texts. One difference: Telegram keeps an '&' that starts no
// entity as a literal, while the fake rejects it so that a bot which
// forgets to escape user input is caught in tests.
type htmlParser struct {
	src      string
	pos      int
	plain    strings.Builder
	plainLen int // UTF-16 length of plain so far
	stack    []openTag
	entities []wireEntity
}

// parseHTML parses text in parse_mode HTML.
func parseHTML(src string) (rendered, error) {
	p := &htmlParser{src: src}
	for p.pos < len(p.src) {
		var err error
		switch p.src[p.pos] {
		case '<':
			err = p.tag()
		case '&':
			err = p.entity()
		default:
			r, size := utf8.DecodeRuneInString(p.src[p.pos:])
			p.emit(string(r))
			p.pos += size
		}
		if err != nil {
			return rendered{}, err
		}
	}
	if n := len(p.stack); n > 0 {
		return rendered{}, fmt.Errorf("Can't find end tag corresponding to start tag \"%s\"", p.stack[n-1].name)
	}
	// Entities are recorded when tags close (inner ones first); Telegram
	// lists them by position.
	sort.SliceStable(p.entities, func(i, j int) bool {
		a, b := p.entities[i], p.entities[j]
		return a.Offset < b.Offset || a.Offset == b.Offset && a.Length > b.Length
	})
	return rendered{plain: p.plain.String(), entities: p.entities}, nil
}

// emit appends text to the plain output.
func (p *htmlParser) emit(s string) {
	p.plain.WriteString(s)
	p.plainLen += textLen(s)
}

// entity decodes one character reference.
func (p *htmlParser) entity() error {
	start := p.pos
	end := strings.IndexByte(p.src[start:], ';')
	if end < 0 || end > 10 {
		return fmt.Errorf("Character '&' is reserved and must be escaped as \"&amp;\" at byte offset %d", start)
	}
	name := p.src[start+1 : start+end]
	r, ok := decodeEntity(name)
	if !ok {
		return fmt.Errorf("Unsupported HTML entity \"&%s;\" at byte offset %d", name, start)
	}
	p.emit(string(r))
	p.pos = start + end + 1
	return nil
}

// decodeEntity decodes the only entities Telegram accepts: &lt; &gt;
// &amp; &quot; and numeric references.
func decodeEntity(name string) (rune, bool) {
	switch name {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "quot":
		return '"', true
	}
	if !strings.HasPrefix(name, "#") || len(name) < 2 {
		return 0, false
	}
	digits, base := name[1:], 10
	if digits[0] == 'x' || digits[0] == 'X' {
		digits, base = digits[1:], 16
	}
	n, err := strconv.ParseUint(digits, base, 32)
	if err != nil || n == 0 || !utf8.ValidRune(rune(n)) {
		return 0, false
	}
	return rune(n), true
}

// tag parses a start or end tag at p.pos.
func (p *htmlParser) tag() error {
	if strings.HasPrefix(p.src[p.pos:], "</") {
		return p.endTag()
	}
	start := p.pos
	i := start + 1
	for i < len(p.src) && isTagNameChar(p.src[i]) {
		i++
	}
	name := strings.ToLower(p.src[start+1 : i])
	if _, ok := htmlEntityTypes[name]; !ok {
		return fmt.Errorf("Unsupported start tag \"%s\" at byte offset %d", name, start)
	}
	attrs, next, err := parseAttributes(p.src, i, name, start)
	if err != nil {
		return err
	}
	if name == "span" && attrs["class"] != "tg-spoiler" {
		return fmt.Errorf("Tag \"span\" must have class \"tg-spoiler\" at byte offset %d", start)
	}
	p.stack = append(p.stack, openTag{name: name, offset: p.plainLen, url: attrs["href"]})
	p.pos = next
	return nil
}

// endTag parses an end tag and closes the innermost open tag.
func (p *htmlParser) endTag() error {
	start := p.pos
	end := strings.IndexByte(p.src[start:], '>')
	if end < 0 {
		return fmt.Errorf("Unclosed end tag at byte offset %d", start)
	}
	name := strings.ToLower(strings.TrimSpace(p.src[start+2 : start+end]))
	if len(p.stack) == 0 {
		return fmt.Errorf("Unexpected end tag at byte offset %d", start)
	}
	top := p.stack[len(p.stack)-1]
	if name != top.name {
		return fmt.Errorf("Unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", start, top.name, name)
	}
	p.stack = p.stack[:len(p.stack)-1]
	p.addEntity(top)
	p.pos = start + end + 1
	return nil
}

// addEntity records the entity of a closed tag; empty ones and links
// without href produce nothing, as in Telegram.
func (p *htmlParser) addEntity(t openTag) {
	length := p.plainLen - t.offset
	if length == 0 || (t.name == "a" && t.url == "") {
		return
	}
	p.entities = append(p.entities, wireEntity{Type: htmlEntityTypes[t.name], Offset: t.offset, Length: length, URL: t.url})
}

func isTagNameChar(c byte) bool {
	return c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// parseAttributes reads name=value pairs up to '>' starting at i and
// returns them with the position after '>'.
func parseAttributes(src string, i int, tag string, tagStart int) (map[string]string, int, error) {
	attrs := map[string]string{}
	unclosed := fmt.Errorf("Unclosed start tag at byte offset %d", tagStart)
	for {
		i = skipSpaces(src, i)
		if i >= len(src) {
			return nil, 0, unclosed
		}
		if src[i] == '>' {
			return attrs, i + 1, nil
		}
		nameStart := i
		for i < len(src) && isTagNameChar(src[i]) {
			i++
		}
		name := strings.ToLower(src[nameStart:i])
		if name == "" {
			return nil, 0, fmt.Errorf("Empty attribute name in the tag \"%s\" at byte offset %d", tag, tagStart)
		}
		i = skipSpaces(src, i)
		if i >= len(src) || src[i] != '=' {
			return nil, 0, fmt.Errorf("Expected equal sign in declaration of an attribute of the tag \"%s\" at byte offset %d", tag, tagStart)
		}
		value, next, err := attributeValue(src, skipSpaces(src, i+1), unclosed)
		if err != nil {
			return nil, 0, err
		}
		attrs[name] = value
		i = next
	}
}

// attributeValue reads a quoted or unquoted attribute value and decodes
// its character references.
func attributeValue(src string, i int, unclosed error) (string, int, error) {
	if i >= len(src) {
		return "", 0, unclosed
	}
	var raw string
	if q := src[i]; q == '"' || q == '\'' {
		end := strings.IndexByte(src[i+1:], q)
		if end < 0 {
			return "", 0, unclosed
		}
		raw, i = src[i+1:i+1+end], i+end+2
	} else {
		start := i
		for i < len(src) && src[i] != '>' && src[i] != ' ' && src[i] != '\t' && src[i] != '\n' {
			i++
		}
		raw = src[start:i]
	}
	return decodeAttribute(raw), i, nil
}

// decodeAttribute decodes the references in an attribute value; unknown
// ones stay literal, since an href legitimately contains '&'.
func decodeAttribute(raw string) string {
	var b strings.Builder
	for i := 0; i < len(raw); {
		if raw[i] == '&' {
			if end := strings.IndexByte(raw[i:], ';'); end > 0 {
				if r, ok := decodeEntity(raw[i+1 : i+end]); ok {
					b.WriteRune(r)
					i += end + 1
					continue
				}
			}
		}
		b.WriteByte(raw[i])
		i++
	}
	return b.String()
}

func skipSpaces(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}

// parseReplyMarkup validates reply_markup. Inline keyboards are returned
// for storage; reply keyboards, keyboard removal and force_reply are
// accepted (only where allowOther) but not shown on the message, as in
// Telegram's answers.
func parseReplyMarkup(raw string, allowOther bool) (*wireKeyboard, *apiError) {
	if strings.TrimSpace(raw) == "" {
		return nil, nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &obj); err != nil {
		return nil, badRequest("can't parse reply keyboard markup JSON object")
	}
	if ik, ok := obj["inline_keyboard"]; ok {
		kb, aerr := parseInlineKeyboard(ik)
		if kb != nil && len(kb.InlineKeyboard) == 0 {
			kb = nil // an empty keyboard is no keyboard
		}
		return kb, aerr
	}
	_, k := obj["keyboard"]
	_, rm := obj["remove_keyboard"]
	_, fr := obj["force_reply"]
	if allowOther && (k || rm || fr) {
		return nil, nil
	}
	if allowOther {
		return nil, badRequest("can't parse reply keyboard markup JSON object")
	}
	return nil, badRequest("inline keyboard expected")
}

// parseInlineKeyboard validates every button of an inline keyboard.
func parseInlineKeyboard(raw json.RawMessage) (*wireKeyboard, *apiError) {
	var rows [][]json.RawMessage
	if err := json.Unmarshal(raw, &rows); err != nil {
		return nil, badRequest("can't parse inline keyboard button: InlineKeyboardMarkup must be an Array of Arrays")
	}
	kb := &wireKeyboard{InlineKeyboard: make([][]wireButton, 0, len(rows))}
	count := 0
	for _, row := range rows {
		buttons := make([]wireButton, 0, len(row))
		for _, rb := range row {
			b, err := parseButton(rb)
			if err != nil {
				return nil, err
			}
			buttons = append(buttons, b)
			count++
		}
		kb.InlineKeyboard = append(kb.InlineKeyboard, buttons)
	}
	if count > maxInlineButtons {
		return nil, badRequest("BUTTONS_TOO_MUCH")
	}
	return kb, nil
}

// parseButton validates one inline button: it must have text and exactly
// one action; callback_data must be 1-64 bytes (bytes, not characters).
func parseButton(raw json.RawMessage) (wireButton, *apiError) {
	var b wireButton
	if err := json.Unmarshal(raw, &b); err != nil {
		return b, badRequest("can't parse inline keyboard button: %v", err)
	}
	if b.Text == "" {
		return b, badRequest("BUTTON_TEXT_EMPTY")
	}
	actions := 0
	for _, set := range []bool{b.URL != nil, b.CallbackData != nil, b.LoginURL != nil, b.WebApp != nil,
		b.SwitchInlineQuery != nil, b.SwitchInlineQueryCurrentChat != nil, b.CallbackGame != nil, b.Pay} {
		if set {
			actions++
		}
	}
	switch {
	case actions == 0:
		return b, badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
	case actions > 1:
		return b, badRequest("can't parse inline keyboard button: only one of the optional fields must be used")
	case b.CallbackData != nil && (len(*b.CallbackData) == 0 || len(*b.CallbackData) > maxCallbackData):
		return b, badRequest("BUTTON_DATA_INVALID")
	case b.URL != nil && !validButtonURL(*b.URL):
		return b, badRequest("BUTTON_URL_INVALID")
	}
	return b, nil
}

// validButtonURL accepts the schemes Telegram accepts on URL buttons.
func validButtonURL(s string) bool {
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "http", "https":
		return u.Host != ""
	case "tg":
		return true
	}
	return false
}

// validatePhoto checks an uploaded photo the way Telegram's image
// processing does and returns its size.
func validatePhoto(data []byte) (w, h int, aerr *apiError) {
	if len(data) > maxPhotoBytes {
		return 0, 0, badRequest("file is too big")
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return 0, 0, badRequest("IMAGE_PROCESS_FAILED")
	}
	w, h = cfg.Width, cfg.Height
	if w <= 0 || h <= 0 || w+h > maxPhotoSideSum || max(w, h) > maxPhotoAspect*min(w, h) {
		return 0, 0, badRequest("PHOTO_INVALID_DIMENSIONS")
	}
	return w, h, nil
}

// commandRe is the syntax Telegram requires of menu commands.
var commandRe = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

// validateCommands checks the commands of setMyCommands.
func validateCommands(cmds []wireBotCommand) *apiError {
	if len(cmds) > maxCommands {
		return badRequest("BOT_COMMANDS_TOO_MUCH")
	}
	for _, c := range cmds {
		if !commandRe.MatchString(c.Command) {
			return badRequest("BOT_COMMAND_INVALID")
		}
		if n := textLen(strings.TrimSpace(c.Description)); n == 0 || n > maxCommandDescLen {
			return badRequest("BOT_COMMAND_DESCRIPTION_INVALID")
		}
	}
	return nil
}

// botCommandRe matches a leading bot command as Telegram's entity parser
// recognises it.
var botCommandRe = regexp.MustCompile(`^/[A-Za-z0-9_]{1,64}(@[A-Za-z0-9_]{3,32})?`)

// commandEntities returns the bot_command entity for a text starting with
// a command, which is what tgbotapi's IsCommand and Command look at.
func commandEntities(text string) []wireEntity {
	m := botCommandRe.FindString(text)
	if m == "" {
		return nil
	}
	return []wireEntity{{Type: "bot_command", Offset: 0, Length: textLen(m)}}
}

// The checks below apply the fake's rules to what a bot is about to send,
// for tests that never reach the HTTP server (the bot's in-package handler
// tests read the outbox). Each returns the error Telegram would answer, or
// nil, so a handler that builds an invalid message fails a test at once.

// CheckText reports whether Telegram accepts text as the text of a
// message in parse mode HTML (sendMessage, editMessageText): valid
// Telegram HTML, not empty, at most 4096 UTF-16 units after parsing.
func CheckText(text string) error {
	if _, aerr := renderText(text, "HTML", false); aerr != nil {
		return aerr
	}
	return nil
}

// CheckCaption reports whether Telegram accepts caption as a photo's or
// a document's caption in parse mode HTML: valid Telegram HTML, at most
// 1024 UTF-16 units after parsing.
func CheckCaption(caption string) error {
	if _, aerr := renderText(caption, "HTML", true); aerr != nil {
		return aerr
	}
	return nil
}

// CheckAnswer reports whether Telegram accepts text as the answer to a
// button press (answerCallbackQuery): at most 200 UTF-16 units.
func CheckAnswer(text string) error {
	if textLen(text) > maxAnswerTextLen {
		return badRequest("MESSAGE_TOO_LONG")
	}
	return nil
}

// CheckButton reports whether Telegram accepts an inline button with
// the label and callback data: a label, and 1-64 bytes of data.
func CheckButton(label, data string) error {
	raw, err := json.Marshal(wireButton{Text: label, CallbackData: &data})
	if err != nil {
		return err
	}
	if _, aerr := parseButton(raw); aerr != nil {
		return aerr
	}
	return nil
}

// CheckMediaGroup reports whether Telegram accepts a media group of n
// items.
func CheckMediaGroup(n int) error {
	if n < minMediaGroupItems || n > maxMediaGroupItems {
		return badRequest("media group must contain %d-%d items, got %d", minMediaGroupItems, maxMediaGroupItems, n)
	}
	return nil
}

// Error returns Telegram's description, such as "Bad Request: message is
// too long".
func (e *apiError) Error() string { return e.desc }
