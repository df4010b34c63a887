package bot

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"trackbot/domain"
)

// kindCodes are the schedule kinds as button data carries them.
var kindCodes = map[domain.ScheduleKind]string{
	domain.ScheduleSnapshot: "s",
	domain.ScheduleReminder: "r",
	domain.ScheduleDigest:   "d",
}

// kindOfCode reads a kind back from button data.
func kindOfCode(code string) (domain.ScheduleKind, bool) {
	for k, c := range kindCodes {
		if c == code {
			return k, true
		}
	}
	return "", false
}

// schedulePreset is a day-and-time choice offered by a button.
type schedulePreset struct {
	days         []time.Weekday
	hour, minute int
}

// schedulePresets are the usual choices per kind; anything else is typed.
var schedulePresets = map[domain.ScheduleKind][]schedulePreset{
	domain.ScheduleSnapshot: {
		{[]time.Weekday{time.Monday}, 8, 0}, {[]time.Weekday{time.Monday}, 9, 0},
		{[]time.Weekday{time.Monday}, 10, 0}, {[]time.Weekday{time.Friday}, 18, 0},
	},
	domain.ScheduleReminder: {
		{[]time.Weekday{time.Thursday}, 15, 0}, {[]time.Weekday{time.Friday}, 12, 0},
		{[]time.Weekday{time.Friday}, 15, 0}, {[]time.Weekday{time.Friday}, 17, 0},
	},
	domain.ScheduleDigest: {
		{domain.WorkingDays, 9, 0}, {domain.WorkingDays, 10, 0},
		{domain.WorkingDays, 11, 0}, {[]time.Weekday{time.Monday, time.Wednesday, time.Friday}, 10, 0},
	},
}

// settings shows the scheduled posts with buttons, or changes one as typed:
// "/settings snapshot mon 09:00", "/settings digest weekdays 10:00",
// "/settings reminder off".
func (b *Bot) settings(c *Context) error {
	if err := c.Workspace.RequireCEO(c.From); err != nil {
		return err
	}
	if hours, ok, err := domain.ParseAnswerHoursSetting(c.Args); ok {
		if err != nil {
			return err
		}
		if err := b.changeAnswerHours(c, hours); err != nil {
			return err
		}
	} else if strings.TrimSpace(c.Args) != "" {
		change, err := parseScheduleChange(c.Args)
		if err != nil {
			return err
		}
		b.changeSchedule(c, change)
	}
	c.Reply(settingsCard(c.Workspace), append(settingsKeyboard(c.Workspace), topicsRow(c)...)...)
	return nil
}

// scheduleChange is what a CEO asked to change in one schedule.
type scheduleChange struct {
	kind   domain.ScheduleKind
	on     *bool // switch on or off; nil leaves it
	days   []time.Weekday
	hour   int
	minute int
	timed  bool // hour and minute are set
}

// apply changes the schedule at now. Switching on or moving the time
// owes only runs from now on, so a time that has just passed does not
// fire at once.
func (ch scheduleChange) apply(s domain.Schedule, now time.Time) domain.Schedule {
	if ch.days != nil {
		s.Days = ch.days
	}
	if ch.timed {
		s.Hour, s.Minute = ch.hour, ch.minute
	}
	switch {
	case ch.on != nil && !*ch.on:
		s.Off = true
		return s
	case ch.on != nil || ch.days != nil || ch.timed:
		s.Off = false
	}
	return s.Reset(now)
}

// parseScheduleChange reads "<post> off|on" or "<post> [days] [hh:mm]".
func parseScheduleChange(args string) (scheduleChange, error) {
	bad := domain.Errorf(domain.EINVALID, "settings.bad", args)
	words := strings.Fields(args)
	kind, ok := domain.ParseScheduleKind(words[0])
	if !ok || len(words) < 2 || len(words) > 3 {
		return scheduleChange{}, bad
	}
	ch := scheduleChange{kind: kind}
	if len(words) == 2 {
		switch w, _ := domain.ParseWord(words[1]); w {
		case domain.WordOff:
			ch.on = new(false)
			return ch, nil
		case domain.WordOn:
			ch.on = new(true)
			return ch, nil
		}
	}
	for _, w := range words[1:] {
		if h, m, ok := domain.ParseClock(w); ok && !ch.timed {
			ch.hour, ch.minute, ch.timed = h, m, true
			continue
		}
		if days, ok := domain.ParseDays(w); ok && ch.days == nil {
			ch.days = days
			continue
		}
		return scheduleChange{}, bad
	}
	return ch, nil
}

// changeSchedule applies the change to the context's copy, for the reply,
// and registers it for the commit, where it applies to the stored
// workspace as it is then; the scheduler looks again once it is committed.
func (b *Bot) changeSchedule(c *Context, ch scheduleChange) {
	set := func(ws *domain.Workspace) error {
		ws.SetSchedule(ch.apply(ws.Schedule(ch.kind), c.now))
		b.sched.settingsChanged()
		return nil
	}
	_ = set(c.Workspace)
	c.ChangeWorkspace(set)
}

// settingsCard lists the three scheduled posts.
func settingsCard(ws *domain.Workspace) string {
	l := ws.Lang
	lines := []string{domain.Text(l, "settings.title", escape(ws.TimeZone))}
	for _, kind := range domain.ScheduleKinds {
		s := ws.Schedule(kind)
		name := domain.Text(l, "schedule.kind."+string(kind))
		key := "settings.line.on"
		if s.Off {
			key = "settings.line.off"
		}
		lines = append(lines, domain.Text(l, key, name, domain.DaysLabel(s.Days, l), domain.ClockLabel(s.Hour, s.Minute)))
	}
	lines = append(lines, domain.Text(l, "settings.answers_line", int(ws.AnswerWindow().Hours())))
	return strings.Join(lines, "\n") + "\n\n" + domain.Text(l, "settings.how")
}

// settingsKeyboard has a row per post: its state (press to switch), its
// time, and send now. The state button names the state it leaves, so a
// press on an outdated card is noticed.
func settingsKeyboard(ws *domain.Workspace) [][]domain.Button {
	l := ws.Lang
	var rows [][]domain.Button
	for _, kind := range domain.ScheduleKinds {
		code := kindCodes[kind]
		name := domain.Text(l, "schedule.kind."+string(kind))
		toggle := domain.Button{Text: domain.Text(l, "settings.button.on", name), Data: "st:off:" + code}
		if ws.Schedule(kind).Off {
			toggle = domain.Button{Text: domain.Text(l, "settings.button.off", name), Data: "st:on:" + code}
		}
		rows = append(rows, []domain.Button{
			toggle,
			{Text: domain.Text(l, "settings.button.time"), Data: "st:time:" + code},
			{Text: domain.Text(l, "settings.button.now"), Data: "st:now:" + code},
		})
	}
	return rows
}

// presetKeyboard offers the usual times of a post, two to a row.
func presetKeyboard(ws *domain.Workspace, kind domain.ScheduleKind) [][]domain.Button {
	l := ws.Lang
	var rows [][]domain.Button
	var row []domain.Button
	for i, p := range schedulePresets[kind] {
		row = append(row, domain.Button{
			Text: domain.DaysLabel(p.days, l) + " " + domain.ClockLabel(p.hour, p.minute),
			Data: fmt.Sprintf("st:set:%s:%d", kindCodes[kind], i),
		})
		if len(row) == 2 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return append(rows, []domain.Button{{Text: domain.Text(l, "settings.button.back"), Data: "st:back"}})
}

// onSettingsButton handles the settings card's buttons. Only CEOs may
// press them; a press on an outdated card refreshes it and changes nothing.
func (b *Bot) onSettingsButton(c *Context, payload string) error {
	ws := c.Workspace
	if !c.IsCEO() {
		c.Answer(c.T("error.ceo_only"), true)
		return nil
	}
	parts := strings.Split(payload, ":")
	op := parts[0]
	if op == "back" {
		c.Edit(c.Message.MessageID, settingsCard(ws), append(settingsKeyboard(ws), topicsRow(c)...)...)
		return nil
	}
	if op == "topics" || op == "here" {
		return b.onTopicsButton(c, parts)
	}
	var kind domain.ScheduleKind
	ok := len(parts) >= 2
	if ok {
		kind, ok = kindOfCode(parts[1])
	}
	if !ok {
		return b.staleSettings(c)
	}
	switch op {
	case "on", "off":
		if ws.Schedule(kind).Off == (op == "off") {
			return b.staleSettings(c)
		}
		b.changeSchedule(c, scheduleChange{kind: kind, on: new(op == "on")})
	case "time":
		c.Edit(c.Message.MessageID, domain.Text(ws.Lang, "settings.pick",
			domain.Text(ws.Lang, "schedule.kind."+string(kind)), escape(ws.TimeZone)), presetKeyboard(ws, kind)...)
		return nil
	case "set":
		i := -1
		if len(parts) == 3 {
			i, _ = strconv.Atoi(parts[2])
		}
		if i < 0 || i >= len(schedulePresets[kind]) {
			return b.staleSettings(c)
		}
		p := schedulePresets[kind][i]
		b.changeSchedule(c, scheduleChange{kind: kind, days: p.days, hour: p.hour, minute: p.minute, timed: true})
	case "now":
		return b.sendNow(c, kind)
	default:
		return b.staleSettings(c)
	}
	c.Edit(c.Message.MessageID, settingsCard(ws), append(settingsKeyboard(ws), topicsRow(c)...)...)
	c.Answer(c.T("settings.saved"), false)
	return nil
}

// staleSettings refreshes an outdated card and says so.
func (b *Bot) staleSettings(c *Context) error {
	c.Edit(c.Message.MessageID, settingsCard(c.Workspace), append(settingsKeyboard(c.Workspace), topicsRow(c)...)...)
	c.Answer(c.T("button.stale"), false)
	return nil
}

// sendNow posts the kind's post at once, as its schedule would now. It has
// a key of its own, so it neither blocks nor repeats the scheduled one.
func (b *Bot) sendNow(c *Context, kind domain.ScheduleKind) error {
	ws := c.Workspace
	jobs, err := b.buildPost(ws, kind, c.now)
	if err != nil {
		return err
	}
	if len(jobs) == 0 {
		c.Answer(c.T("settings.nothing."+string(kind)), true)
		return nil
	}
	period := ws.Schedule(kind).Period(c.now, ws.Location())
	key := domain.PostKey(kind, ws.ID, period) + ":now:" + strconv.FormatInt(c.now.UnixNano(), 10)
	for _, j := range keyed(jobs, key) {
		// A press's new messages go to the pressed card's topic, also
		// when the post is directed elsewhere on its schedule.
		j.ThreadID = c.Thread
		j.Priority = domain.PriorityReply
		c.Queue(j)
	}
	c.Answer(c.T("settings.queued"), false)
	return nil
}
