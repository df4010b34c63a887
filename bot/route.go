package bot

import (
	"strings"
	"unicode/utf16"

	"golang.org/x/text/unicode/norm"

	"trackbot/domain"
)

// command is one slash command the bot understands.
type command struct {
	name    string
	run     func(*Context) error
	private bool // also offered in private chats
	// setup commands work before the chat is a workspace.
	setup bool
	// hidden commands work but are left out of the menu.
	hidden bool
	// privateOnly commands are offered only in private chats' menu.
	privateOnly bool
}

// commands lists every command in menu order. Descriptions come from the
// catalog as "cmd.<name>".
func (b *Bot) commands() []command {
	return []command{
		{name: "help", run: b.help, private: true, setup: true},
		{name: "start", run: b.start, private: true, setup: true, hidden: true},
		{name: "setup", run: b.setup, setup: true},
		{name: "team", run: b.team, private: true},
		{name: "company", run: b.companyCmd, private: true, setup: true, privateOnly: true},
		{name: "join", run: b.join},
		{name: "ceo", run: b.makeCEO},
		{name: "head", run: b.makeHead},
		{name: "demote", run: b.demote},
		{name: "department", run: b.departmentCmd, private: true},
		{name: "settings", run: b.settings},
		{name: "log", run: b.logCmd, private: true},
		{name: "import", run: b.importCmd, private: true},
		{name: "template", run: b.templateCmd, private: true},
		{name: "funnel", run: b.funnelCmd, private: true},
		{name: "managers", run: b.managersCmd, private: true},
		{name: "focus", run: b.focusCmd, private: true},
		{name: "competitors", run: b.competitorsCmd, private: true},
		{name: "competitor", run: b.competitorCmd, private: true},
		{name: "positioning", run: b.positioningCmd, private: true},
		{name: "plan", run: b.planCmd, private: true},
		{name: "review", run: b.review},
		{name: "reviews", run: b.reviewsCmd, private: true},
		{name: "hyp", run: b.hyp, private: true},
		{name: "hyps", run: b.hyps, private: true},
		{name: "my", run: b.my, private: true},
		{name: "history", run: b.historyCmd, private: true},
		{name: "undo", run: b.undoCmd, private: true},
		{name: "alert", run: b.alertCmd, private: true},
		{name: "alerts", run: b.alertsCmd, private: true},
		{name: "export", run: b.exportCmd, private: true},
		{name: "segment", run: b.segmentCmd, private: true},
		{name: "stage", run: b.stageCmd, private: true},
		{name: "reason", run: b.reasonCmd, private: true},
		{name: "source", run: b.sourceCmd, private: true},
	}
}

// buttons maps a callback data prefix (before the first colon) to its
// handler, which gets the rest of the data.
func (b *Bot) buttons() map[string]func(*Context, string) error {
	return map[string]func(*Context, string) error{
		"j":   b.onJoinButton,
		"st":  b.onSettingsButton,
		"rm":  b.onRemoveButton,
		"lg":  b.onDraftButton,
		"h":   b.onHypButton,
		"hd":  b.onDraftStep,
		"hl":  b.onListPage,
		"rv":  b.onReviewButton,
		"rq":  b.onWhyButton,
		"qh":  b.onQuestionButton, // a question's → hypothesis
		"rl":  b.onReviewList,
		"cm":  b.onCompetitorButton,
		"al":  b.onAlertButton, // domain.AlertButton
		"src": b.onSourceButton,
	}
}

// route sends the update to its handler.
func (b *Bot) route(c *Context) error {
	u := c.Update
	switch {
	case u.MyChatMember != nil:
		return b.onMembership(c)
	case u.CallbackQuery != nil:
		err := b.routeButton(c)
		if err == nil {
			c.Answer("", false)
		}
		return err
	case u.Message != nil:
		return b.routeMessage(c)
	}
	return nil
}

func (b *Bot) routeMessage(c *Context) error {
	m := c.Message
	if m.MigrateToChatID != 0 {
		return b.onMigrate(c, m.Chat.ID, m.MigrateToChatID)
	}
	if m.MigrateFromChatID != 0 {
		return b.onMigrate(c, m.MigrateFromChatID, m.Chat.ID)
	}
	name, args, ok := b.parseCommand(m)
	if !ok {
		if b.isFileForImport(m) {
			name, ok = "import", true
		} else {
			if handled, err := b.onSecretText(c); handled {
				return err
			}
			return b.onReplyToBot(c)
		}
	}
	for _, cmd := range b.commands() {
		if cmd.name != name {
			continue
		}
		if !c.Chat.IsPrivate() && !b.allowed(c.Chat.ID) {
			c.Reply(c.T("chat.not_allowed"))
			return nil
		}
		if c.Chat.IsPrivate() && !cmd.private {
			c.Reply(c.T("chat.group_only", "/"+name))
			return nil
		}
		if c.Workspace == nil && !cmd.setup {
			if c.Chat.IsPrivate() {
				return b.askCompany(c)
			} else {
				c.Reply(c.T("chat.not_set_up"))
			}
			return nil
		}
		c.Command, c.Args = name, args
		return cmd.run(c)
	}
	if c.Workspace != nil || c.Chat.IsPrivate() {
		c.Reply(c.T("chat.unknown_command", escape("/"+name)))
	}
	return nil
}

// isFileForImport reports whether a message without a command is a file
// sent as a reply to the bot (to its /import prompt, say): privacy mode
// delivers such replies, and a file there can only mean an import.
func (b *Bot) isFileForImport(m *tgMessage) bool {
	r := m.ReplyToMessage
	return m.Document != nil && r != nil && r.From != nil && r.From.ID == b.self.ID
}

// parseCommand reads a leading command from a message's text or a
// document's caption. A command addressed to another bot (/help@otherbot)
// is not ours and is ignored.
func (b *Bot) parseCommand(m *tgMessage) (name, args string, ok bool) {
	text, entities := m.Text, m.Entities
	if text == "" {
		text, entities = m.Caption, m.CaptionEntities
	}
	if len(entities) == 0 || entities[0].Type != "bot_command" || entities[0].Offset != 0 {
		return "", "", false
	}
	// Entity offsets count UTF-16 code units.
	units := utf16.Encode([]rune(text))
	end := min(entities[0].Length, len(units))
	cmd := string(utf16.Decode(units[1:end]))
	rest := string(utf16.Decode(units[end:]))
	if at := strings.IndexByte(cmd, '@'); at >= 0 {
		if !strings.EqualFold(cmd[at+1:], b.self.UserName) {
			return "", "", false
		}
		cmd = cmd[:at]
	}
	// Names compare after NFC (see domain.CleanName): "й" typed as "и" and
	// a combining breve is the same name as "й".
	return strings.ToLower(cmd), norm.NFC.String(strings.TrimSpace(rest)), true
}

// routeButton sends a press to the handler of its data prefix. Data the
// bot never made, or data the pressed message has no button for, gets a
// short answer and changes nothing: a client can send any data for any
// message, so a press is acted on only when it fits the message.
func (b *Bot) routeButton(c *Context) error {
	if c.Chat == nil || c.Message == nil || !pressFits(c.Message, c.callbackData) {
		c.Answer(c.T("button.stale"), false)
		return nil
	}
	data, _, _ := untagCompany(c.callbackData)
	prefix, payload, _ := strings.Cut(data, ":")
	if prefix == companyPrefix {
		return b.onCompanyButton(c, payload) // works before a company is chosen
	}
	handler, ok := b.buttons()[prefix]
	if !ok || c.Workspace == nil {
		c.Answer(c.T("button.stale"), false)
		return nil
	}
	return handler(c, payload)
}

// pressFits reports whether the pressed message, as Telegram shows it now,
// has a button with the data. A button of an older state of the message
// (its keyboard was edited since) does not fit either: the message already
// shows what is current. Telegram leaves out the content of a message that
// is too old or inaccessible (its date is zero then); such a press cannot
// be checked here and is left to the handlers, which check who pressed
// and the object the data names before they change anything.
func pressFits(m *tgMessage, data string) bool {
	if m.Date == 0 {
		return true
	}
	if m.ReplyMarkup == nil {
		return false
	}
	for _, row := range m.ReplyMarkup.InlineKeyboard {
		for _, btn := range row {
			if btn.CallbackData != nil && *btn.CallbackData == data {
				return true
			}
		}
	}
	return false
}

// menu returns the commands offered in the menu for private chats or groups.
func (b *Bot) menu(private bool, lang domain.Lang) []menuCommand {
	var out []menuCommand
	for _, cmd := range b.commands() {
		if cmd.hidden || private && !cmd.private || !private && cmd.privateOnly {
			continue
		}
		out = append(out, menuCommand{name: cmd.name, description: domain.Text(lang, "cmd."+cmd.name)})
	}
	return out
}
