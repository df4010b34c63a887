package domain

import (
	"slices"
	"strings"
	"unicode"
)

// The competitor sheet of a CSV or XLSX file: one row per player, the
// columns segment, player, us, then each field with the date it was
// checked. Headers are read in either language, like /competitor's keys;
// the words are in words.go.

// PlayerColumnKind is what a column of the competitor sheet holds.
type PlayerColumnKind int

// The kinds of columns.
const (
	ColumnPlayerName PlayerColumnKind = iota + 1
	ColumnPlayerUs
	ColumnPlayerField
	ColumnPlayerChecked // the date a fact (or, without one, every fact of the row) was checked
)

// PlayerColumn is a competitor sheet column as its header names it.
type PlayerColumn struct {
	Kind  PlayerColumnKind
	Field PlayerField // ColumnPlayerField
	Fact  Fact        // ColumnPlayerChecked; empty for every fact
}

// ParsePlayerColumn reads a header: "Player", "Мы", "Доля", "Checked:
// price", "Проверено: цена", "checked". Punctuation does not matter.
func ParsePlayerColumn(header string) (PlayerColumn, bool) {
	words := strings.FieldsFunc(NormalizeName(header), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != '%'
	})
	h := strings.Join(words, " ")
	switch {
	case h == "":
		return PlayerColumn{}, false
	case slices.Contains(playerNameWords, h):
		return PlayerColumn{Kind: ColumnPlayerName}, true
	case slices.Contains(playerUsWords, h):
		return PlayerColumn{Kind: ColumnPlayerUs}, true
	case slices.Contains(playerCheckedWords, h):
		return PlayerColumn{Kind: ColumnPlayerChecked}, true
	}
	if f, ok := playerFieldOf(h); ok {
		return PlayerColumn{Kind: ColumnPlayerField, Field: f}, true
	}
	for _, w := range playerCheckedWords {
		rest, found := strings.CutPrefix(h, w+" ")
		if !found {
			rest, found = strings.CutSuffix(h, " "+w)
		}
		if f, ok := playerFieldOf(rest); found && ok {
			return PlayerColumn{Kind: ColumnPlayerChecked, Fact: f.Fact()}, true
		}
	}
	return PlayerColumn{}, false
}

// playerFieldOf returns the field a normalized word names.
func playerFieldOf(h string) (PlayerField, bool) {
	for _, f := range PlayerFields {
		if slices.Contains(playerFieldWords[f], h) {
			return f, true
		}
	}
	return "", false
}

// Header writes the column's header in lang.
func (c PlayerColumn) Header(lang Lang) string {
	switch c.Kind {
	case ColumnPlayerName:
		return Text(lang, "competitor.col_player")
	case ColumnPlayerUs:
		return Text(lang, "competitor.col_us")
	case ColumnPlayerField:
		return capitalize(PlayerFieldWord(c.Field, lang))
	case ColumnPlayerChecked:
		if c.Fact == "" {
			return Text(lang, "competitor.col_checked")
		}
		return Text(lang, "competitor.col_checked_fact", PlayerFieldWord(factField(c.Fact), lang))
	}
	return ""
}

// factField is the first field of a fact, which names it in headers.
func factField(f Fact) PlayerField {
	for _, pf := range PlayerFields {
		if pf.Fact() == f {
			return pf
		}
	}
	return PlayerShare
}

// PlayerColumns lists a sheet's columns after the segment in the order
// files are written: the player, us, and each fact's fields followed by the
// date it was checked.
func PlayerColumns() []PlayerColumn {
	cols := []PlayerColumn{{Kind: ColumnPlayerName}, {Kind: ColumnPlayerUs}}
	for i, f := range PlayerFields {
		cols = append(cols, PlayerColumn{Kind: ColumnPlayerField, Field: f})
		if i+1 == len(PlayerFields) || PlayerFields[i+1].Fact() != f.Fact() {
			cols = append(cols, PlayerColumn{Kind: ColumnPlayerChecked, Fact: f.Fact()})
		}
	}
	return cols
}

func capitalize(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// IsWholeMarket reports whether a player's name stands for the whole
// market: such a sheet row gives the market's volume in its revenue cell.
func IsWholeMarket(name string) bool {
	return slices.Contains(wholeMarketWord, NormalizeName(name))
}

// IsOurselves reports whether a typed player's name means the company
// itself ("мы", "us").
func IsOurselves(name string) bool {
	return slices.Contains(ourselfWords, NormalizeName(name))
}

// ParseYesNo reads a yes/no cell: да/нет, yes/no, 1/0, +, x, ✓.
func ParseYesNo(s string) (bool, bool) {
	switch strings.TrimSpace(strings.ToLower(s)) {
	case "1", "+", "x", "х", "✓", "✔", "true", "истина":
		return true, true
	case "0", "-", "false", "ложь":
		return false, true
	}
	switch w, _ := ParseWord(s); w {
	case WordYes, WordOn:
		return true, true
	case WordNo, WordOff:
		return false, true
	}
	return false, false
}
