package charts

import "image/color"

// The palette is shared by every chart so a reader learns it once: red is
// always worse, green always better, blue is "this period", grey is
// "compared with". Series colours avoid red and green for that reason.
var (
	colBackground = color.RGBA{255, 255, 255, 255}
	colInk        = color.RGBA{31, 41, 51, 255}
	colMuted      = color.RGBA{107, 114, 128, 255}
	colGrid       = color.RGBA{229, 231, 235, 255}
	colBand       = color.RGBA{243, 244, 246, 255}
	colBar        = color.RGBA{37, 99, 235, 255}
	colGhost      = color.RGBA{148, 163, 184, 255}
	colBad        = color.RGBA{220, 38, 38, 255}
	colGood       = color.RGBA{22, 163, 74, 255}
	colFocus      = color.RGBA{217, 119, 6, 255}

	// Trend lines, in the order the lines are picked.
	colSeries = []color.RGBA{
		{37, 99, 235, 255},  // blue
		{245, 158, 11, 255}, // amber
		{124, 58, 237, 255}, // violet
		{8, 145, 178, 255},  // cyan
	}

	// Segment mix: effort in blues, money in golds.
	colLeads       = color.RGBA{147, 197, 253, 255}
	colSpend       = color.RGBA{37, 99, 235, 255}
	colRevenue     = color.RGBA{252, 211, 77, 255}
	colGrossProfit = color.RGBA{217, 119, 6, 255}
)

// Text sizes in pixels, chosen so a 1280-pixel-wide picture stays readable
// when a phone shrinks it to the width of the chat: the smallest, for grey
// figures and legends, is minFontSize.
const (
	sizeTitle = 44
	sizeLabel = 34
	sizeValue = 32
	sizeSmall = minFontSize
)
