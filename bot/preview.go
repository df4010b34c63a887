package bot

import (
	"strings"
	"unicode/utf8"

	"trackbot/domain"
)

// A draft's preview always fits one message, whatever the draft holds: the
// figures are shown whole when they fit, and otherwise the message is a
// summary — per segment the weeks and how many figures are new, corrected
// or unchanged — with the figures week by week in an attached text file.

// Bounds that keep a summary well inside one message.
const (
	previewSegments  = 12 // segment lines; more segments are counted
	previewWarnings  = 10 // warning lines; more are counted
	previewWeekSpans = 4  // runs of weeks on a segment line
)

// draftView is a draft rendered for the chat: the message, and the
// details as a file when they do not fit in it.
type draftView struct {
	text    string
	details *domain.Attachment
}

// previewDraft renders a draft as it stands against the stored records and
// queues its details file, when it has one, ahead of the preview.
func previewDraft(c *Context, tx domain.Tx, d *domain.Draft) (draftView, error) {
	sum, err := domain.SummarizeDraft(tx, c.Workspace, d.Entries)
	if err != nil {
		return draftView{}, err
	}
	view := renderPreview(c, d, sum)
	if view.details != nil {
		job := &domain.OutboxJob{Kind: domain.SendDocument, Priority: domain.PriorityReply, Files: []domain.Attachment{*view.details}}
		if c.callbackID == "" && c.Message != nil {
			job.ReplyTo = c.Message.MessageID
		}
		c.Queue(job)
	}
	return view, nil
}

// renderPreview renders a draft for its author to confirm: the figures,
// what changes stored ones, what the file left out, the plausibility
// warnings, and what to press.
func renderPreview(c *Context, d *domain.Draft, sum domain.DraftSummary) draftView {
	ws := c.Workspace
	var head string
	if d.Source == "/log" {
		head = c.T("log.preview_title")
		if len(d.Entries) > 1 {
			head += " " + escape(sum.Extent(ws, c.Lang)) + "."
		}
	} else {
		head = c.T("log.preview_file", escape(domain.Echo(d.Source)), len(d.Entries), escape(sum.Extent(ws, c.Lang)))
	}
	warnings := joinBlocks(previewWarningLines(c, sum), leftOutNote(c, d), planNote(c, d), plausibilityLines(c, d))
	action := c.T("log.preview_confirm")
	if len(d.Warnings) > 0 {
		action = c.T("plausible.confirm")
	}
	tables := entryTables(c, sum, true)
	if inline := joinBlocks(head, tablesHTML(tables, maxMessage), warnings, action); visibleLen(inline) <= maxMessage {
		return draftView{text: inline}
	}
	file := detailsFile(c, d, sum, tables)
	return draftView{
		text:    joinBlocks(head, segmentLines(c, sum, true), warnings, c.T("log.preview_in_file"), action),
		details: &file,
	}
}

// renderSaved is the card a confirmed draft becomes: what was saved and by
// whom, with the figures when they fit and a line per segment when not.
func renderSaved(c *Context, d *domain.Draft) string {
	sum := domain.SummarizeEntries(c.Workspace, d.Entries)
	head := c.T("log.saved", escape(sum.Extent(c.Workspace, c.Lang)), personMention(d.By))
	if text := joinBlocks(head, tablesHTML(entryTables(c, sum, false), maxMessage)); visibleLen(text) <= maxMessage {
		return text
	}
	return joinBlocks(head, segmentLines(c, sum, false))
}

// joinBlocks joins the non-empty blocks of a message, one per line.
func joinBlocks(blocks ...string) string {
	var out []string
	for _, b := range blocks {
		if b != "" {
			out = append(out, b)
		}
	}
	return strings.Join(out, "\n")
}

// segmentLines is a line per segment: its weeks and its figures, counted
// as new, corrected and unchanged for a preview (compare) or in all for
// the saved card.
func segmentLines(c *Context, sum domain.DraftSummary, compare bool) string {
	ws := c.Workspace
	var lines []string
	for i, seg := range sum.Segments {
		if i == previewSegments {
			lines = append(lines, c.T("log.preview_more_segments", len(sum.Segments)-i))
			break
		}
		name := escape(ws.SegmentName(seg.Segment, c.Lang))
		weeks := domain.WeekSpans(seg.Weeks, previewWeekSpans)
		if !compare {
			lines = append(lines, c.T("log.saved_segment", name, weeks, len(seg.Weeks), domain.FormatCount(int64(seg.Figures()))))
			continue
		}
		var counts []string
		for _, n := range []struct {
			key string
			n   int
		}{{"log.preview_new", seg.New}, {"log.preview_corrected", seg.Corrected}, {"log.preview_unchanged", seg.Unchanged}} {
			if n.n > 0 {
				counts = append(counts, c.T(n.key, domain.FormatCount(int64(n.n))))
			}
		}
		lines = append(lines, c.T("log.preview_segment", name, weeks, len(seg.Weeks), strings.Join(counts, ", ")))
	}
	return strings.Join(lines, "\n")
}

// previewWarningLines lists what the author should look at before
// confirming, at most previewWarnings lines.
func previewWarningLines(c *Context, sum domain.DraftSummary) string {
	var lines []string
	if figures, weeks := sum.Corrected(); figures > 0 {
		lines = append(lines, c.T("log.preview_corrects", figures, weeks))
	}
	if len(lines) > previewWarnings {
		lines = append(lines[:previewWarnings], c.T("log.preview_more_warnings", len(lines)-previewWarnings))
	}
	return strings.Join(lines, "\n")
}

// entryTables is every entry's table as aligned plain text, corrections
// as "old → new" when compare is set.
func entryTables(c *Context, sum domain.DraftSummary, compare bool) []string {
	tables := make([]string, len(sum.Diffs))
	for i, d := range sum.Diffs {
		tables[i] = table(entryRows(c, d, compare))
	}
	return tables
}

// tablesHTML puts the tables in monospace blocks, one after another; it
// stops once they show more than limit units, as they will not be shown.
func tablesHTML(tables []string, limit int) string {
	var sb strings.Builder
	shown := 0
	for i, t := range tables {
		if i > 0 {
			sb.WriteByte('\n')
		}
		block := "<pre>" + escape(t) + "</pre>"
		sb.WriteString(block)
		if shown += visibleLen(block) + 1; shown > limit {
			break
		}
	}
	return sb.String()
}

// entryRows are the rows of an entry's table: its segment and week, then
// each figure, a correction as "old → new" when compare is set.
func entryRows(c *Context, d domain.EntryDiff, compare bool) [][2]string {
	ws := c.Workspace
	rows := [][2]string{
		{c.T("entry.label.segment"), ws.SegmentName(d.Entry.Segment, c.Lang)},
		{c.T("entry.label.week"), d.Entry.Week.String()},
	}
	for _, r := range d.Rows(ws, c.Lang) {
		value := r.Value
		switch {
		case !compare:
		case r.Status == domain.FigureCorrected:
			value = r.Old + " → " + r.Value
		case r.Status == domain.FigureUnchanged:
			value += " " + c.T("log.unchanged_mark")
		}
		rows = append(rows, [2]string{r.Label, value})
	}
	return rows
}

// detailsFile is every figure of the draft week by week, as a text file
// the author can scroll on a phone.
func detailsFile(c *Context, d *domain.Draft, sum domain.DraftSummary, tables []string) domain.Attachment {
	source := d.Source
	if source == "/log" {
		source = c.T("log.details_from_log")
	}
	var sb strings.Builder
	sb.WriteString(c.T("log.details_title", domain.Echo(source), sum.Extent(c.Workspace, c.Lang), domain.FormatCount(int64(sum.Figures()))))
	sb.WriteString("\n" + c.T("log.details_legend") + "\n")
	for _, t := range tables {
		sb.WriteString("\n" + t + "\n")
	}
	return domain.Attachment{
		Name:    "trackbot-preview.txt",
		Data:    []byte(sb.String()),
		Caption: c.T("log.details_caption", escape(domain.Echo(source))),
	}
}

// table aligns label/value rows for a monospace block that fits a phone.
func table(rows [][2]string) string {
	const maxLabel = 22
	width := 0
	for _, r := range rows {
		width = max(width, min(utf8.RuneCountInString(r[0]), maxLabel))
	}
	var sb strings.Builder
	for i, r := range rows {
		if i > 0 {
			sb.WriteByte('\n')
		}
		label := r[0]
		if utf8.RuneCountInString(label) > maxLabel {
			// A long label ("Lost before Meetings: Wrong phone number")
			// keeps its last words, which name the reason: it takes its
			// own line and the value stays in the value column.
			sb.WriteString(label + "\n" + strings.Repeat(" ", width+1) + r[1])
			continue
		}
		sb.WriteString(label + strings.Repeat(" ", width-utf8.RuneCountInString(label)+1) + r[1])
	}
	return sb.String()
}
