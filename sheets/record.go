package sheets

import (
	"archive/zip"
	"bytes"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"trackbot/domain"
)

// The evidence trail goes out next to the numbers: the hypotheses with
// their history, the review questions with their answers and the
// protocols, as sheets of the export's workbook and as files of a ZIP of
// CSVs. Every text cell takes the path of the numbers' (value strings,
// neutralised against formula injection in CSV, inline strings in XLSX).
// No header here is one the import reads (segment, week, period, a stage),
// so the workbook still imports back to the same numbers.

// Record is a workspace's evidence trail.
type Record struct {
	Hypotheses []*domain.Hypothesis // drafts are left out
	Reviews    []*domain.Review
}

// Empty reports whether there is nothing to export.
func (r Record) Empty() bool {
	for _, h := range r.Hypotheses {
		if h.Status != domain.StatusDraft {
			return false
		}
	}
	return len(r.Reviews) == 0
}

// namedTable is a table with the name of its sheet and file.
type namedTable struct {
	sheet, file string
	table       table
}

// maxTextCell keeps a cell within what a spreadsheet holds (32,767).
const maxTextCell = 32000

// recordTables returns the trail's tables in lang.
func recordTables(ws *domain.Workspace, lang domain.Lang, rec Record) []namedTable {
	return []namedTable{
		{domain.Text(lang, "sheets.sheet.hypotheses"), "hypotheses.csv", hypothesesTable(ws, lang, rec.Hypotheses)},
		{domain.Text(lang, "sheets.sheet.history"), "hypothesis_history.csv", historyTable(ws, lang, rec.Hypotheses)},
		{domain.Text(lang, "sheets.sheet.questions"), "questions.csv", questionsTable(ws, lang, rec.Reviews)},
		{domain.Text(lang, "sheets.sheet.protocols"), "protocols.csv", protocolsTable(ws, lang, rec)},
	}
}

func str(s string) value {
	if s == "" {
		return value{}
	}
	return value{kind: valueString, str: domain.Shorten(s, maxTextCell)}
}

func count(n int64) value { return value{kind: valueCount, count: n} }

// stamp is a moment in the workspace's time zone, as files write it.
func stamp(ws *domain.Workspace, t time.Time) value {
	if t.IsZero() {
		return value{}
	}
	return str(t.In(ws.Location()).Format("2006-01-02 15:04"))
}

func recordHeaders(lang domain.Lang, keys ...string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = domain.Text(lang, k)
	}
	return out
}

func metricValue(ws *domain.Workspace, h *domain.Hypothesis, v domain.Value, lang domain.Lang) value {
	if !v.OK || h.Metric == "" {
		return value{}
	}
	return str(domain.FormatMetricValue(h.Metric, v, ws.Currency, lang))
}

// hypothesesTable is a row per hypothesis: what, whose, the target and
// where it stands. The verdict column shows the measured outcome.
func hypothesesTable(ws *domain.Workspace, lang domain.Lang, hyps []*domain.Hypothesis) table {
	t := table{header: recordHeaders(lang,
		"sheets.record.hypothesis", "sheets.record.text", "sheets.record.status", "sheets.record.department",
		"sheets.record.client_segment", "sheets.record.metric", "sheets.record.baseline", "sheets.record.measured",
		"sheets.record.expected", "sheets.record.ice", "sheets.record.deadline", "sheets.record.result",
		"sheets.record.verdict", "sheets.record.review", "sheets.record.created",
	)}
	for _, h := range hyps {
		if h.Status == domain.StatusDraft {
			continue
		}
		var metric, ice, deadline, review value
		if h.Metric != "" {
			metric = str(domain.MetricLabel(ws, h.Metric, lang))
		}
		if h.ICE.Set() {
			ice = count(int64(h.ICE.Score()))
		}
		if !h.Deadline.IsZero() {
			deadline = str(h.Deadline.String())
		}
		if h.Review != 0 {
			review = count(h.Review)
		}
		t.rows = append(t.rows, []value{
			str(h.Label()), str(h.Text), str(h.Status.Localize(lang)), str(ws.DepartmentName(h.Department, lang)),
			str(ws.SegmentName(h.Segment, lang)), metric, metricValue(ws, h, h.Baseline, lang), metricValue(ws, h, h.Measured, lang),
			effectValue(ws, h, lang), ice, deadline, str(h.Result), verdictValue(ws, h, lang), review, stamp(ws, h.CreatedAt),
		})
	}
	return t
}

// effectValue is the hypothesis's expected effect as people read it, with
// the free-text why after it.
func effectValue(ws *domain.Workspace, h *domain.Hypothesis, lang domain.Lang) value {
	text := ""
	if h.Effect.Set() {
		text = h.Effect.Format(h.Metric, ws.Currency, lang)
	}
	if h.Why != "" {
		text = strings.TrimSpace(text + " " + h.Why)
	}
	return str(text)
}

// verdictValue is what the numbers said when a CEO decided: the status
// reached with the metric before and after. A verdict from the numbers,
// where the hypothesis has one, belongs here.
func verdictValue(ws *domain.Workspace, h *domain.Hypothesis, lang domain.Lang) value {
	if h.Status != domain.StatusConfirmed && h.Status != domain.StatusRejected {
		return value{}
	}
	verdict := h.Status.Localize(lang)
	if h.Verdict != "" {
		verdict += " (" + h.Verdict.Localize(lang) + ")"
	}
	return str(verdict + ": " + domain.Text(lang, "review.outcome",
		domain.FormatMetricValue(h.Metric, h.Baseline, ws.Currency, lang), domain.FormatMetricValue(h.Metric, h.Measured, ws.Currency, lang)))
}

// historyTable is a row per change of a hypothesis: who moved it from
// which status to which, when, and why.
func historyTable(ws *domain.Workspace, lang domain.Lang, hyps []*domain.Hypothesis) table {
	t := table{header: recordHeaders(lang,
		"sheets.record.hypothesis", "sheets.record.at", "sheets.record.by", "sheets.record.from",
		"sheets.record.to", "sheets.record.comment",
	)}
	for _, h := range hyps {
		if h.Status == domain.StatusDraft {
			continue
		}
		for _, e := range h.History {
			t.rows = append(t.rows, []value{
				str(h.Label()), stamp(ws, e.At), str(e.ByName), str(e.From.Localize(lang)), str(e.To.Localize(lang)), str(e.Comment),
			})
		}
	}
	return t
}

// questionsTable is a row per question of every review, with its answer.
func questionsTable(ws *domain.Workspace, lang domain.Lang, reviews []*domain.Review) table {
	t := table{header: recordHeaders(lang,
		"sheets.record.review", "sheets.record.reviewed", "sheets.record.question", "sheets.record.department",
		"sheets.record.client_segment", "sheets.record.metric", "sheets.record.asked_to", "sheets.record.asked",
		"sheets.record.text", "sheets.record.reminded", "sheets.record.answered_by", "sheets.record.answered",
		"sheets.record.answer",
	)}
	for _, r := range reviews {
		for _, q := range r.Questions {
			var to []string
			for _, p := range q.Heads {
				to = append(to, personLabel(p))
			}
			var metric value
			if q.Metric != "" {
				metric = str(domain.MetricLabel(ws, q.Metric, lang))
			}
			row := []value{
				count(r.ID), str(r.Period.Label(lang)), count(int64(q.Number)), str(ws.DepartmentName(q.Department, lang)),
				str(ws.SegmentName(q.Segment, lang)), metric, str(strings.Join(to, ", ")), stamp(ws, q.AskedAt), str(q.Text),
				stamp(ws, q.NudgedAt), {}, {}, {},
			}
			if a := q.Answer; a.Given() {
				row[10], row[11], row[12] = str(personLabel(a.By)), stamp(ws, a.At), str(a.Text)
			}
			t.rows = append(t.rows, row)
		}
	}
	return t
}

// protocolsTable is a row per closed review with its protocol as text.
func protocolsTable(ws *domain.Workspace, lang domain.Lang, rec Record) table {
	t := table{header: recordHeaders(lang,
		"sheets.record.review", "sheets.record.reviewed", "sheets.record.opened", "sheets.record.closed",
		"sheets.record.closed_by_bot", "sheets.record.took_part", "sheets.record.next_review",
		"sheets.record.protocol",
	)}
	for _, r := range rec.Reviews {
		if r.IsOpen() {
			continue
		}
		var names []string
		for _, p := range r.Participants {
			names = append(names, personLabel(p))
		}
		var next, auto value
		if !r.NextReview.IsZero() {
			next = str(r.NextReview.String())
		}
		if r.AutoClosed {
			auto = str(domain.Text(lang, "sheets.record.yes"))
		}
		t.rows = append(t.rows, []value{
			count(r.ID), str(r.Period.Label(lang)), stamp(ws, r.OpenedAt), stamp(ws, r.ClosedAt), auto,
			str(strings.Join(names, ", ")), next, str(domain.StripTags(domain.StoredProtocol(ws, r, rec.Hypotheses, lang))),
		})
	}
	return t
}

// personLabel names a person in a file: the name, else @username, else
// the id.
func personLabel(p domain.Person) string {
	switch {
	case p.Name != "":
		return p.Name
	case p.Username != "":
		return "@" + p.Username
	}
	return strconv.FormatInt(p.UserID, 10)
}

// ExportBook returns the export's workbook: the numbers, the plans when
// there are any, and the evidence trail, a sheet each. It imports back to
// the same numbers and plans as Export's.
func ExportBook(ws *domain.Workspace, lang domain.Lang, recs []domain.WeeklyRecord, rec Record) ([]byte, error) {
	sheets := []namedTable{{sheet: domain.Text(lang, "sheets.sheet.data"), table: exportTable(ws, lang, recs)}}
	if plans := planTable(ws, lang); plans != nil {
		sheets = append(sheets, namedTable{sheet: domain.Text(lang, "sheets.sheet.plan"), table: *plans})
	}
	sheets = append(sheets, recordTables(ws, lang, rec)...)
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName(f.GetSheetName(0), s.sheet); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(s.sheet); err != nil {
			return nil, err
		}
		if err := writeDataSheet(f, s.sheet, s.table); err != nil {
			return nil, err
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ExportArchive returns the export as a ZIP of CSVs: the numbers (the file
// Export writes) and a file per table of the evidence trail.
func ExportArchive(ws *domain.Workspace, lang domain.Lang, recs []domain.WeeklyRecord, rec Record) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, t table) error {
		data, err := writeCSV(t, lang)
		if err != nil {
			return err
		}
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
	if err := add("numbers.csv", exportTable(ws, lang, recs)); err != nil {
		return nil, err
	}
	for _, s := range recordTables(ws, lang, rec) {
		if err := add(s.file, s.table); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
