package bot

import (
	"trackbot/domain"
	"trackbot/sheets"
)

// exportAll sends /export's files: the numbers as CSV, the workbook with
// the numbers, the plans and the evidence trail (hypotheses with their
// history, review questions with their answers, protocols), and, when
// there is a trail, the same as a ZIP of CSVs.
func (b *Bot) exportAll(c *Context, recs []domain.WeeklyRecord) error {
	ws := c.Workspace
	var rec sheets.Record
	if err := b.store.View(func(tx domain.Tx) error {
		var err error
		if rec.Hypotheses, err = tx.Hypotheses().List(ws.ID); err != nil {
			return err
		}
		rec.Reviews, err = tx.Reviews().List(ws.ID)
		return err
	}); err != nil {
		return err
	}
	send := func(name string, data []byte, caption string) {
		c.Queue(&domain.OutboxJob{Kind: domain.SendDocument, ReplyTo: c.Message.MessageID, Priority: domain.PriorityReply,
			Files: []domain.Attachment{{Name: name, Data: data, Caption: caption}}})
	}
	csv, err := sheets.Export(ws, c.Lang, recs, sheets.FormatCSV)
	if err != nil {
		return err
	}
	send("trackbot-export.csv", csv, c.T("export.caption", len(recs)))
	book, err := sheets.Export(ws, c.Lang, recs, sheets.FormatXLSX)
	if !rec.Empty() {
		book, err = sheets.ExportBook(ws, c.Lang, recs, rec)
	}
	if err != nil {
		return err
	}
	send("trackbot-export.xlsx", book, c.T("export.caption", len(recs)))
	if rec.Empty() {
		return nil
	}
	archive, err := sheets.ExportArchive(ws, c.Lang, recs, rec)
	if err != nil {
		return err
	}
	send("trackbot-export.zip", archive, c.T("export.zip_caption"))
	return nil
}
