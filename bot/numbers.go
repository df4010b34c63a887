package bot

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"trackbot/domain"
	"trackbot/sheets"
)

// logCmd parses a /log message into a draft and shows what was understood,
// asking the author to confirm. Nothing is saved before the confirmation.
// The help it gives without numbers is a prompt: a reply to it with the
// numbers is read as /log.
func (b *Bot) logCmd(c *Context) error {
	ws := c.Workspace
	asks := domain.NumbersPrompt(ws.ID, domain.Week{})
	if strings.TrimSpace(c.Args) == "" {
		c.Reply(c.T("log.usage", escape(logExample(ws, c.Lang)), b.promptLink(asks, c.T("log.reply_here"))))
		return nil
	}
	return b.logNumbers(c, asks, c.Args)
}

// answerNumbers reads a reply to a numbers prompt (the /log help, a /log
// message's problems, the reminder) as /log, for whoever replies, with
// the rules of their role. A second reply, to the same copy or another,
// is one more /log: it proposes one more draft, and nothing is saved
// before its author or a CEO confirms it.
func (b *Bot) answerNumbers(c *Context, p domain.Prompt, _ *tgMessage, text string) error {
	return b.logNumbers(c, p, text)
}

// logNumbers reads text as /log does and proposes the numbers as a draft,
// for the week the prompt asks for when the text names none. The problems
// of numbers not understood are a reply that asks for them again, as asks
// does, so the fixed numbers can come as a reply too.
func (b *Bot) logNumbers(c *Context, asks domain.Prompt, text string) error {
	ws := c.Workspace
	week, ok := asks.NumbersWeek()
	if !ok {
		week = ws.LastCompleteWeek(c.now)
	}
	entries, err := domain.ParseEntriesFor(ws, text, c.now.In(ws.Location()), week)
	if err != nil {
		return b.askAgain(c, asks, err)
	}
	return b.showDraft(c, func(tx domain.Tx) (*domain.Draft, int, error) {
		d, n, err := domain.ProposeDraft(tx, ws, c.From, "/log", entries, c.now)
		return d, n, b.askAgain(c, asks, err)
	})
}

// askAgain makes the reply to the problems of numbers not understood (an
// *EntryError, which shows a correct example) the prompt asks as well.
// Other errors, and nil, are returned as they are.
func (b *Bot) askAgain(c *Context, asks domain.Prompt, err error) error {
	var problems *domain.EntryError
	if !errors.As(err, &problems) {
		return err
	}
	return &promptError{err: err, hint: c.T("log.reply_fix", b.promptLink(asks, c.T("log.reply_here")))}
}

// logExample is a /log line in the workspace's own words.
func logExample(ws *domain.Workspace, l domain.Lang) string {
	seg := ws.Segments[0].Name.In(l)
	var parts []string
	for _, st := range ws.Stages {
		switch st.Role {
		case domain.RoleLeads:
			parts = append(parts, strings.ToLower(st.Name.In(l))+"=120")
		case domain.RoleQualified:
			parts = append(parts, strings.ToLower(st.Name.In(l))+"=80")
		}
	}
	if l == domain.Russian {
		return fmt.Sprintf("/log %s прошлая неделя %s расход=350к выручка=1,2 млн", strings.ToLower(seg), strings.Join(parts, " "))
	}
	return fmt.Sprintf("/log %s last week %s spend=350k revenue=1.2m", strings.ToLower(seg), strings.Join(parts, " "))
}

// proposeDraft stores the entries as a draft once the domain has checked
// them, and shows the preview with Confirm and Cancel buttons; the details
// that do not fit the preview go first, as a file.
func (b *Bot) proposeDraft(c *Context, source string, entries []domain.Entry) error {
	return b.showDraft(c, func(tx domain.Tx) (*domain.Draft, int, error) {
		return domain.ProposeDraft(tx, c.Workspace, c.From, source, entries, c.now)
	})
}

// showDraft runs a use case proposing a draft and shows its preview.
func (b *Bot) showDraft(c *Context, propose func(tx domain.Tx) (*domain.Draft, int, error)) error {
	c.Change(func(tx domain.Tx) error {
		draft, _, err := propose(tx)
		if err != nil {
			return err
		}
		view, err := previewDraft(c, tx, draft)
		if err != nil {
			return err
		}
		// The buttons need the id the store just gave the draft.
		c.Reply(view.text, draftButtons(c, draft))
		return nil
	})
	return nil
}

// onDraftButton confirms or cancels a draft. Who may, and for how long,
// are the domain's rules; a confirmed draft is applied whole, against the
// records as they are at that moment, or not at all.
func (b *Bot) onDraftButton(c *Context, payload string) error {
	idText, verdict, _ := strings.Cut(payload, ":")
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || verdict != "y" && verdict != "n" && verdict != anywayVerdict && verdict != acceptAllVerdict {
		return c.Refuse(staleButton())
	}
	ws := c.Workspace
	var draft *domain.Draft
	err = b.store.View(func(tx domain.Tx) error {
		draft, err = tx.Drafts().Get(id)
		return err
	})
	if domain.ErrorCode(err) == domain.ENOTFOUND || err == nil && draft.Workspace != ws.ID {
		// The draft is gone, and with it who sent it: the preview replies to
		// the sender's message, so only they or a CEO clear a copy of it.
		if by := previewAuthor(c.Message); !c.IsCEO() && (by == 0 || by != c.From.UserID) {
			return domain.Errorf(domain.EFORBIDDEN, "log.not_yours")
		}
		if err := c.Refuse(domain.Errorf(domain.ESTALE, "log.handled")); err != nil {
			return err
		}
		c.Edit(c.Message.MessageID, c.T("log.handled_card"))
		return nil
	}
	if err != nil {
		return err
	}
	if verdict == acceptAllVerdict {
		return b.onAcceptLeftOut(c, draft)
	}
	if err := draft.CheckConfirmer(ws, c.From.UserID); err != nil {
		return err
	}
	if verdict == "n" {
		c.Change(func(tx domain.Tx) error { return tx.Drafts().Delete(id) })
		c.Edit(c.Message.MessageID, c.T("log.cancelled"))
		c.Answer(c.T("log.cancelled"), false)
		return nil
	}
	if draft.Expired(c.now) {
		// Too old to confirm: it goes, and its card says so.
		c.Change(func(tx domain.Tx) error { return tx.Drafts().Delete(id) })
		c.Edit(c.Message.MessageID, c.T("log.expired"))
		return c.Refuse(domain.Errorf(domain.ECONFLICT, "log.expired"))
	}
	c.Change(func(tx domain.Tx) error {
		rev, err := domain.ConfirmDraft(tx, ws, draft, c.From, c.now, verdict == anywayVerdict)
		if err != nil {
			return err
		}
		c.Edit(c.Message.MessageID, renderSaved(c, draft)+savedNote(c, rev))
		return nil
	})
	c.Answer(c.T("log.saved_short"), false)
	return nil
}

// previewAuthor is who sent the numbers a preview shows: the author of the
// message it replies to, or 0 when Telegram did not include it.
func previewAuthor(preview *tgMessage) int64 {
	if r := preview.ReplyToMessage; r != nil && r.From != nil {
		return r.From.ID
	}
	return 0
}

// importCmd answers /import: with a document it imports it, without one
// it asks for the file.
func (b *Bot) importCmd(c *Context) error {
	if c.Message.Document == nil {
		c.Reply(c.T("import.prompt"))
		return nil
	}
	return b.importFile(c)
}

// maxUpload is the largest file the bot downloads; sheets enforces its own
// limits on what it reads.
var maxUpload = sheets.DefaultLimits().MaxBytes

// importFile downloads an uploaded CSV or XLSX, reads it all-or-nothing
// and proposes it as a draft.
func (b *Bot) importFile(c *Context) error {
	doc := c.Message.Document
	switch strings.ToLower(filepath.Ext(doc.FileName)) {
	case ".csv", ".xlsx", ".xls":
		// .xls is refused by sheets with advice to save it as .xlsx.
	default:
		return domain.Errorf(domain.EINVALID, "import.bad_type", doc.FileName)
	}
	if int64(doc.FileSize) > maxUpload {
		return sheets.TooBig(maxUpload)
	}
	data, tooBig, err := b.tg.download(c.ctx, doc.FileID, maxUpload)
	if err != nil {
		b.log.Warn("file download failed", "err", err)
		return domain.Errorf(domain.EINTERNAL, "import.download_failed")
	}
	if tooBig {
		return sheets.TooBig(maxUpload)
	}
	if done, err := b.importMarketSheet(c, doc.FileName, data); done || err != nil {
		return err
	}
	ws := c.Workspace
	book, err := sheets.ReadBook(ws, doc.FileName, bytes.NewReader(data), c.now.In(ws.Location()), sheets.DefaultLimits())
	if err != nil {
		return err
	}
	if len(book.Entries) == 0 && len(book.Plans) == 0 {
		return domain.Errorf(domain.EINVALID, "import.empty")
	}
	return b.proposeImport(c, doc.FileName, book.Entries, book.Plans)
}

// templateCmd sends a ready-to-fill file for the last four complete weeks:
// the current week is not over, so its numbers are not ready to report.
// The managers' sheet lists the sales managers of the last 8 weeks.
func (b *Bot) templateCmd(c *Context) error {
	format := sheets.FormatXLSX
	if strings.EqualFold(strings.TrimSpace(c.Args), "csv") {
		format = sheets.FormatCSV
	}
	ws := c.Workspace
	last := ws.LastCompleteWeek(c.now)
	spec := sheets.TemplateSpec{}
	for i := 3; i >= 0; i-- {
		spec.Weeks = append(spec.Weeks, last.Add(-i))
	}
	var recs []domain.WeeklyRecord
	if err := b.store.View(func(tx domain.Tx) error {
		var err error
		recs, err = tx.Records().Range(ws.ID, "", last.Add(-7), last)
		return err
	}); err != nil {
		return err
	}
	spec.Managers = domain.ManagerNames(recs)
	data, err := sheets.TemplateWith(ws, c.Lang, spec, format)
	if err != nil {
		return err
	}
	c.Queue(&domain.OutboxJob{Kind: domain.SendDocument, ReplyTo: c.Message.MessageID, Priority: domain.PriorityReply,
		Files: []domain.Attachment{{Name: "trackbot-template." + format, Data: data, Caption: c.T("template.caption")}}})
	return nil
}

// exportCmd sends all numbers as CSV and XLSX.
func (b *Bot) exportCmd(c *Context) error {
	ws := c.Workspace
	var recs []domain.WeeklyRecord
	if err := b.store.View(func(tx domain.Tx) error {
		var err error
		recs, err = tx.Records().Range(ws.ID, "", allTime[0], allTime[1])
		return err
	}); err != nil {
		return err
	}
	if len(recs) == 0 {
		return b.exportMarketOr(c, "export.empty")
	}
	if err := b.exportAll(c, recs); err != nil {
		return err
	}
	return b.exportMarketOr(c, "")
}
