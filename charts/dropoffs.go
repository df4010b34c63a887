package charts

import (
	"cmp"
	"slices"

	"trackbot/domain"
)

// At most this many stages and reasons per stage are drawn: the picture is
// about where the funnel breaks, not an inventory.
const (
	dropOffStages  = 3
	dropOffReasons = 5
)

// Drop-off layout.
const (
	dropNameLeft = margin + 10
	dropBarLeft  = 420
	dropRow      = 54
	dropBar      = 36
	dropHeader   = 60
)

// DropOffs draws, for the stages that lost the most items, the reasons
// items were lost with their shares, largest first, as horizontal bars
// labelled "38%".
func (r *Renderer) DropOffs(ws *domain.Workspace, rep domain.FunnelReport) ([]byte, error) {
	lang := wsLang(ws)
	title := titleFor(lang, "chart.dropoffs.title", rep.Segment, rep.Period)
	stages := stagesWithLosses(rep.DropOffs)
	if len(stages) == 0 {
		return r.noData(lang, title)
	}
	hidden := max(0, len(stages)-dropOffStages)
	stages = stages[:min(len(stages), dropOffStages)]

	var blocks [][]shareRow
	var all []shareRow
	height := contentTop - 40
	for _, st := range stages {
		rows := reasonRows(lang, st.Reasons, dropOffReasons)
		blocks = append(blocks, rows)
		all = append(all, rows...)
		height += dropHeader + len(rows)*dropRow + 24
	}
	if hidden > 0 {
		height += 50
	}
	c, err := newCanvas(r.font, pictureWide, max(480, height+margin))
	if err != nil {
		return nil, err
	}
	c.header(title, "")
	scale := maxShare(all)
	y := contentTop - 40
	for i, st := range stages {
		head := domain.Text(lang, "chart.dropoffs.stage", domain.Shorten(st.Stage.Name.In(lang), 40), domain.FormatCount(st.Total))
		c.text(c.fit(head, sizeLabel, c.w-2*margin), margin, y+sizeLabel+10, sizeLabel, colInk, alignLeft, true)
		y += dropHeader
		for _, row := range blocks[i] {
			c.text(c.fit(row.name, sizeValue, dropBarLeft-dropNameLeft-20), dropNameLeft, y+dropBar/2+sizeValue/3, sizeValue, colInk, alignLeft, false)
			c.shareBar(lang, dropBarLeft, y, dropBar, c.w-margin-dropBarLeft-200, scale, row, true)
			y += dropRow
		}
		y += 24
	}
	if hidden > 0 {
		c.text(domain.Text(lang, "chart.dropoffs.more", hidden), margin, y+30, sizeSmall, colMuted, alignLeft, false)
	}
	return c.encode()
}

// stagesWithLosses returns the stages that lost items, most losses first;
// equal totals keep the funnel order.
func stagesWithLosses(all []domain.StageDropOffs) []domain.StageDropOffs {
	var out []domain.StageDropOffs
	for _, st := range all {
		if st.Total > 0 && len(st.Reasons) > 0 {
			out = append(out, st)
		}
	}
	slices.SortStableFunc(out, func(a, b domain.StageDropOffs) int { return cmp.Compare(b.Total, a.Total) })
	return out
}
