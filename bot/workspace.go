package bot

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"trackbot/domain"
)

// help answers /start and /help with what the bot does and the commands
// that matter for the person's role.
func (b *Bot) help(c *Context) error {
	if c.Workspace == nil {
		if c.Chat.IsPrivate() {
			c.Reply(c.T("help.private_new"))
		} else {
			c.Reply(c.T("help.group_new"))
		}
		return nil
	}
	c.Reply(c.T("help.workspace", escape(c.Workspace.Title)))
	return nil
}

// setup binds the group as a workspace. Only a chat administrator may do
// it, and the bot asks Telegram rather than trusting the message. Running
// it again changes nothing.
func (b *Bot) setup(c *Context) error {
	if c.Message.SenderChat != nil || c.From.UserID == domain.AnonymousAdminID {
		return domain.Errorf(domain.EFORBIDDEN, "setup.anonymous")
	}
	status, err := b.tg.chatMemberStatus(c.Chat.ID, c.From.UserID)
	if err != nil {
		b.log.Warn("getChatMember failed", "err", err)
		return domain.Errorf(domain.EINTERNAL, "setup.check_failed")
	}
	if status != "creator" && status != "administrator" {
		return domain.Errorf(domain.EFORBIDDEN, "setup.admins_only")
	}
	if c.Workspace != nil {
		c.Reply(c.T("setup.already", escape(c.Workspace.Title)) + "\n\n" + b.teamText(c.Workspace, c.Lang))
		return nil
	}
	lang, tz, err := b.setupOptions(c)
	if err != nil {
		return err
	}
	ws := domain.NewWorkspace(c.Chat.ID, c.Chat.Title, lang, tz, c.From, c.now)
	c.Change(func(tx domain.Tx) error { return tx.Workspaces().Create(ws) })
	c.Workspace, c.Lang = ws, lang
	c.Reply(b.welcomeText(ws))
	return nil
}

// setupOptions reads "/setup [en|ru] [Time/Zone]" in any order; the
// language defaults to the caller's Telegram language, the time zone to
// the configured default.
func (b *Bot) setupOptions(c *Context) (domain.Lang, string, error) {
	lang := domain.LangFromCode(c.Update.Message.From.LanguageCode)
	tz := b.cfg.TimeZone
	for _, word := range strings.Fields(c.Args) {
		if l, ok := domain.ParseLang(word); ok {
			lang = l
			continue
		}
		if _, err := time.LoadLocation(word); err != nil || !strings.Contains(word, "/") && word != "UTC" {
			return "", "", domain.Errorf(domain.EINVALID, "setup.bad_option", word)
		}
		tz = word
	}
	return lang, tz, nil
}

func (b *Bot) welcomeText(ws *domain.Workspace) string {
	l := ws.Lang
	var stages []string
	for _, s := range ws.Stages {
		stages = append(stages, escape(s.Name.In(l)))
	}
	var depts []string
	for _, d := range ws.Departments {
		depts = append(depts, escape(d.Name.In(l)))
	}
	var segs []string
	for _, s := range ws.Segments {
		segs = append(segs, escape(s.Name.In(l)))
	}
	return domain.Text(l, "setup.done", escape(ws.Title), escape(ws.TimeZone),
		strings.Join(depts, ", "), strings.Join(stages, " → "), strings.Join(segs, ", "))
}

// team shows who is who.
func (b *Bot) team(c *Context) error {
	c.Reply(b.teamText(c.Workspace, c.Lang))
	return nil
}

func (b *Bot) teamText(ws *domain.Workspace, l domain.Lang) string {
	var sb strings.Builder
	sb.WriteString(domain.Text(l, "team.title", escape(ws.Title)))
	sb.WriteString("\n")
	sb.WriteString(domain.Text(l, "team.ceos", mentions(ws.CEOs())))
	for _, d := range ws.ActiveDepartments() {
		heads := ws.Heads(d.Key)
		line := domain.Text(l, "team.nobody")
		if len(heads) > 0 {
			line = mentions(heads)
		}
		fmt.Fprintf(&sb, "\n<b>%s</b>: %s", escape(d.Name.In(l)), line)
	}
	if len(ws.Joins) > 0 {
		sb.WriteString("\n\n" + domain.Text(l, "team.pending"))
		for _, j := range ws.Joins {
			d, _ := ws.Department(j.Department)
			fmt.Fprintf(&sb, "\n• %s → %s", escape(j.Person.Name), escape(d.Name.In(l)))
		}
	}
	sb.WriteString("\n\n" + domain.Text(l, "team.how"))
	return sb.String()
}

// mention is domain.Mention, short for the handlers.
func mention(m domain.Member) string { return domain.Mention(m) }

// personMention mentions someone who may not be a member yet.
func personMention(p domain.Person) string {
	return mention(domain.Member{UserID: p.UserID, Name: p.Name, Username: p.Username})
}

// mentions is domain.Mentions, short for the handlers.
func mentions(ms []domain.Member) string { return domain.Mentions(ms) }

// target returns the person whose message the command replies to; roles
// are given by replying because a bot cannot look people up by @username.
func (c *Context) target(usageKey string) (domain.Person, error) {
	r := c.Message.ReplyToMessage
	if r == nil || r.From == nil {
		return domain.Person{}, domain.Errorf(domain.EINVALID, usageKey)
	}
	if r.SenderChat != nil || r.From.ID == domain.AnonymousAdminID {
		return domain.Person{}, domain.Errorf(domain.EINVALID, "role.anonymous")
	}
	if r.From.IsBot {
		return domain.Person{}, domain.Errorf(domain.EINVALID, "role.bot")
	}
	return person(r.From), nil
}

// makeCEO gives the CEO role to the person replied to.
func (b *Bot) makeCEO(c *Context) error {
	if err := c.Workspace.RequireCEO(c.From); err != nil {
		return err
	}
	p, err := c.target("role.ceo_usage")
	if err != nil {
		return err
	}
	c.ChangeWorkspace(func(ws *domain.Workspace) error {
		return ws.Grant(p, domain.RoleCEO, "", c.now)
	})
	c.Reply(c.T("role.ceo_granted", personMention(p)))
	return nil
}

// makeHead makes the person replied to a head of the named department.
func (b *Bot) makeHead(c *Context) error {
	if err := c.Workspace.RequireCEO(c.From); err != nil {
		return err
	}
	dept, ok := c.Workspace.ActiveDepartment(c.Args)
	if !ok {
		return domain.Errorf(domain.EINVALID, "role.head_usage", departmentList(c.Workspace, c.Lang))
	}
	p, err := c.target("role.head_usage")
	if err != nil {
		return domain.Errorf(domain.EINVALID, "role.head_usage", departmentList(c.Workspace, c.Lang))
	}
	c.ChangeWorkspace(func(ws *domain.Workspace) error {
		return ws.Grant(p, domain.RoleHead, dept.Key, c.now)
	})
	c.Reply(c.T("role.head_granted", personMention(p), escape(dept.Name.In(c.Lang))))
	return nil
}

// demote takes a role away from the person replied to: "/demote ceo",
// "/demote <department>", or "/demote" for every role.
func (b *Bot) demote(c *Context) error {
	if err := c.Workspace.RequireCEO(c.From); err != nil {
		return err
	}
	p, err := c.target("role.demote_usage")
	if err != nil {
		return err
	}
	role, dept := domain.Role(""), ""
	switch arg := strings.TrimSpace(c.Args); {
	case arg == "":
	case domain.IsWord(arg, domain.WordCEO):
		role = domain.RoleCEO
	default:
		d, ok := c.Workspace.Department(arg)
		if !ok {
			return domain.Errorf(domain.EINVALID, "role.demote_usage")
		}
		role, dept = domain.RoleHead, d.Key
	}
	c.ChangeWorkspace(func(ws *domain.Workspace) error {
		return ws.Revoke(p.UserID, role, dept, c.now)
	})
	c.Reply(c.T("role.demoted", escape(p.Name)))
	return nil
}

func departmentList(ws *domain.Workspace, l domain.Lang) string {
	var names []string
	for _, d := range ws.ActiveDepartments() {
		names = append(names, d.Name.In(l))
	}
	return strings.Join(names, ", ")
}

// join asks the CEOs to make the sender the head of a department; a CEO
// approves with a button.
func (b *Bot) join(c *Context) error {
	if c.Message.SenderChat != nil || c.From.UserID == domain.AnonymousAdminID {
		return domain.Errorf(domain.EINVALID, "role.anonymous")
	}
	dept, ok := c.Workspace.ActiveDepartment(c.Args)
	if !ok {
		return domain.Errorf(domain.EINVALID, "join.usage", departmentList(c.Workspace, c.Lang))
	}
	if c.Workspace.IsHeadOf(c.From.UserID, dept.Key) {
		c.Reply(c.T("join.already", escape(dept.Name.In(c.Lang))))
		return nil
	}
	req := c.Workspace.RequestJoin(c.From, dept.Key, c.now)
	c.ChangeWorkspace(func(ws *domain.Workspace) error {
		got := ws.RequestJoin(c.From, dept.Key, c.now)
		if got.ID != req.ID {
			return domain.Errorf(domain.ECONFLICT, "join.retry")
		}
		return nil
	})
	c.Reply(joinCardText(c.Workspace, req, c.Lang), joinButtons(req, c.Lang))
	return nil
}

func joinCardText(ws *domain.Workspace, req domain.JoinRequest, l domain.Lang) string {
	d, _ := ws.Department(req.Department)
	who := personMention(req.Person)
	return domain.Text(l, "join.card", who, escape(d.Name.In(l)), mentions(ws.CEOs()))
}

func joinButtons(req domain.JoinRequest, l domain.Lang) []domain.Button {
	return []domain.Button{
		{Text: domain.Text(l, "join.approve"), Data: fmt.Sprintf("j:%d:y", req.ID)},
		{Text: domain.Text(l, "join.decline"), Data: fmt.Sprintf("j:%d:n", req.ID)},
	}
}

// onJoinButton handles Approve and Decline on a join request card. Only a
// CEO may press them; a request already handled leaves the card refreshed.
func (b *Bot) onJoinButton(c *Context, payload string) error {
	idText, verdict, _ := strings.Cut(payload, ":")
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || verdict != "y" && verdict != "n" {
		c.Answer(c.T("button.stale"), false)
		return nil
	}
	if !c.IsCEO() {
		c.Answer(c.T("join.ceo_only"), true)
		return nil
	}
	i := slices.IndexFunc(c.Workspace.Joins, func(j domain.JoinRequest) bool { return j.ID == id })
	if i < 0 {
		c.Answer(c.T("join.handled"), false)
		c.Edit(c.Message.MessageID, c.T("join.handled_card"))
		return nil
	}
	req := c.Workspace.Joins[i]
	approve := verdict == "y"
	c.ChangeWorkspace(func(ws *domain.Workspace) error {
		return ws.DecideJoin(id, approve, c.now)
	})
	d, _ := c.Workspace.Department(req.Department)
	key := "join.declined"
	if approve {
		key = "join.approved"
	}
	c.Edit(c.Message.MessageID, c.T(key, personMention(req.Person), escape(d.Name.In(c.Lang)), personMention(c.From)))
	c.Answer(c.T("join.done"), false)
	return nil
}

// onMigrate keeps the workspace when a group becomes a supergroup.
func (b *Bot) onMigrate(c *Context, from, to int64) error {
	c.Change(func(tx domain.Tx) error {
		err := tx.Workspaces().MoveChat(from, to)
		if domain.ErrorCode(err) == domain.ENOTFOUND {
			return nil // already moved, or never set up
		}
		return err
	})
	return nil
}

// onMembership parks a workspace when the bot is removed from its group
// and unparks it when the bot is added back.
func (b *Bot) onMembership(c *Context) error {
	if c.Workspace == nil {
		return nil
	}
	status := c.Update.MyChatMember.NewChatMember.Status
	parked := status == "left" || status == "kicked"
	c.ChangeWorkspace(func(ws *domain.Workspace) error {
		ws.Parked = parked
		return nil
	})
	return nil
}

// registerCommands sets the command menu for groups and private chats in
// each language, retrying while Telegram is unreachable.
func (b *Bot) registerCommands(ctx interface{ Done() <-chan struct{} }) {
	for _, private := range []bool{false, true} {
		for _, lang := range domain.Langs {
			code := string(lang)
			if lang == domain.English {
				code = "" // the default for every other language
			}
			menu := b.menu(private, lang)
			wait := newBackoff(time.Second, time.Minute)
			for {
				err := b.tg.setCommands(private, code, menu)
				if err == nil {
					break
				}
				b.log.Warn("setMyCommands failed", "err", err)
				select {
				case <-ctx.Done():
					return
				case <-time.After(wait.next()):
				}
			}
		}
	}
}
