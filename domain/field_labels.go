package domain

import "strings"

// The bot's own labels as keys, and the index of how keys begin, which
// lets a /log message be read without trying every phrase as a key.

// indexLabels indexes what the bot itself shows for a figure, so a head
// can copy the preview table, change a number and send it back:
// "Нецелевые: Нет бюджета", "Lost before Meetings: Price", and stage
// names written without their punctuation.
func (n *FieldNames) indexLabels() {
	add := func(label string, f Field) {
		if k := labelNorm(label); k != "" {
			if _, taken := n.labels[k]; !taken {
				n.labels[k] = f
			}
		}
	}
	ws := n.ws
	for _, st := range ws.Stages {
		if !st.Archived {
			for _, name := range append([]string{st.Key, st.Name.En, st.Name.Ru}, st.Aliases...) {
				add(name, Field{Kind: FieldCount, Stage: st.Key})
			}
		}
	}
	for _, lang := range Langs {
		for _, r := range ws.NonTarget {
			if !r.Archived {
				add(Text(lang, "entry.label.nontarget", r.Name.In(lang)), Field{Kind: FieldNonTarget, Reason: r.Key})
			}
		}
		for _, st := range ws.Stages {
			for _, r := range ws.DropOff {
				if !st.Archived && !r.Archived {
					add(Text(lang, "entry.label.dropoff", st.Name.In(lang), r.Name.In(lang)), Field{Kind: FieldDropOff, Stage: st.Key, Reason: r.Key})
				}
			}
		}
	}
}

// indexStarts records the first words of every key, so that reading a
// message stops trying longer phrases as soon as no key begins with one.
func (n *FieldNames) indexStarts() {
	n.starts = map[string]bool{}
	add := func(normalized string) {
		words := strings.Fields(normalized)
		for i := range words {
			n.starts[strings.Join(words[:i+1], " ")] = true
		}
	}
	for k := range n.labels { // stage names are labels too
		add(k)
	}
	for _, words := range [][]string{spendWords, revenueWords, marginWords, nonTargetPrefix, dropOffPrefix, managerPrefix} {
		for _, w := range words {
			add(labelNorm(w))
		}
	}
}

// mayStartKey reports whether a known key begins with the normalized
// phrase. Dotted keys begin with their prefix ("lost", "менеджер") and may
// go on with any name.
func (n *FieldNames) mayStartKey(phrase string) bool {
	if head, _, dotted := strings.Cut(phrase, "."); dotted {
		return matchesWord(head, nonTargetPrefix) || matchesWord(head, dropOffPrefix) || matchesWord(head, managerPrefix)
	}
	return n.starts[phrase]
}

// labelNorm normalizes a label for comparison: NormalizeName without the
// punctuation labels and names carry ("Отвал до этапа «Встречи»: Цена",
// "Розница (физлица)").
func labelNorm(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(":«»\"“”„()[]", r) {
			return ' '
		}
		return r
	}, s)
	return NormalizeName(s)
}

// label finds a field by one of the bot's labels (see indexLabels).
func (n *FieldNames) label(s string) (Field, bool) {
	f, ok := n.labels[labelNorm(s)]
	return f, ok
}
