package domain

import (
	"cmp"
	"slices"
	"strings"
)

// Fields are the figures a report can name, and the index that resolves
// the names people write to them.

// FieldKind is what a reported figure is.
type FieldKind int

// The kinds of reported figures.
const (
	FieldCount     FieldKind = iota + 1 // a stage count
	FieldSpend                          // marketing spend
	FieldRevenue                        // revenue
	FieldMargin                         // gross margin, a fraction
	FieldNonTarget                      // non-target leads with a qualification reason
	FieldDropOff                        // items lost at a stage with a drop-off reason
	FieldManager                        // one sales manager's count at a stage
)

// Field names one figure of a weekly record.
type Field struct {
	Kind    FieldKind
	Stage   string // stage key: counts, drop-offs, manager counts
	Reason  string // reason key: non-target and drop-offs
	Manager string // manager name as written
}

// Bounds on keys, so a pasted paragraph costs little.
const (
	maxManagerName   = 64
	maxEntryKeyWords = 8 // the longest key: "manager.Ivan Petrov.commercial proposals"
	maxSuggestedKey  = 100
)

// ParseField reads a key as written in /log or in a file header: a stage
// (key, name or alias in either language), "spend", "revenue", "margin",
// "nontarget.<reason>", "lost.<stage>.<reason>" or "manager.<name>.<stage>"
// (with the Russian words too). An unknown key returns a Problem that names
// the closest known keys or lists them. Callers reading many keys use a
// FieldNames index instead.
func ParseField(ws *Workspace, s string) (Field, *Problem) {
	return NewFieldNames(ws).Parse(s)
}

// FieldNames is an index of the names of a workspace's active stages and
// reasons, normalized once: a /log line or a file header is matched against
// many candidate keys, and normalizing every name for each would dominate.
type FieldNames struct {
	ws        *Workspace
	stages    map[string]string // normalized key, name or alias → stage key
	nonTarget map[string]string // → non-target reason key
	dropOff   map[string]string // → drop-off reason key
	labels    map[string]Field  // labelNorm of the bot's own labels and of stage names → field
	starts    map[string]bool   // every run of first words of a known key
	plainKeys []normalizedName  // keys without dots, for "did you mean"; built on first use
}

// NewFieldNames indexes the workspace's active stages and reasons by every
// form NamedBy accepts, normalized. When two things share a name the first
// one in the workspace's order wins.
func NewFieldNames(ws *Workspace) *FieldNames {
	n := &FieldNames{ws: ws, stages: map[string]string{}, nonTarget: map[string]string{}, dropOff: map[string]string{}, labels: map[string]Field{}}
	for _, st := range ws.Stages {
		if !st.Archived {
			indexNames(n.stages, st.Key, st.Name, st.Aliases)
		}
	}
	n.indexLabels()
	n.indexStarts()
	for _, r := range ws.NonTarget {
		if !r.Archived {
			indexNames(n.nonTarget, r.Key, r.Name, r.Aliases)
		}
	}
	for _, r := range ws.DropOff {
		if !r.Archived {
			indexNames(n.dropOff, r.Key, r.Name, r.Aliases)
		}
	}
	return n
}

func indexNames(index map[string]string, key string, name Name, aliases []string) {
	for _, s := range nameForms(key, name, aliases) {
		if n := NormalizeName(s); n != "" {
			if _, taken := index[n]; !taken {
				index[n] = key
			}
		}
	}
}

// Parse reads a key like ParseField.
func (n *FieldNames) Parse(s string) (Field, *Problem) {
	return n.resolve(s, true)
}

// errUnexplained stands for any problem when the caller only asks whether
// a key is known: splitting a /log line tries many candidate keys, and
// suggestions for each would cost edit distances for nothing.
var errUnexplained = &Problem{Text: "entry.unknown_key"}

// known reports whether s is a known key.
func (n *FieldNames) known(s string) bool {
	_, prob := n.resolve(s, false)
	return prob == nil
}

// resolve is Parse; without explain an unknown key returns errUnexplained.
func (n *FieldNames) resolve(s string, explain bool) (Field, *Problem) {
	ws := n.ws
	key := strings.TrimSpace(s)
	if f, ok := n.plain(key); ok {
		return f, nil
	}
	if f, ok := n.label(key); ok {
		return f, nil
	}
	prefix, rest, dotted := strings.Cut(key, ".")
	switch {
	case dotted && matchesWord(prefix, nonTargetPrefix):
		reason, ok := n.nonTarget[NormalizeName(rest)]
		if !ok {
			return Field{}, &Problem{Key: key, Text: "entry.unknown_nontarget", Args: []any{reasonNames(ws.NonTarget)}}
		}
		return Field{Kind: FieldNonTarget, Reason: reason}, nil
	case dotted && matchesWord(prefix, dropOffPrefix):
		stageName, reasonName, _ := strings.Cut(rest, ".")
		stage, ok := n.stages[NormalizeName(stageName)]
		if !ok {
			// lost.wrong_phone: the stage is missing, not misspelt.
			return Field{}, &Problem{Key: key, Text: "entry.unknown_dropoff_stage", Args: []any{stageNames(ws)}}
		}
		reason, ok := n.dropOff[NormalizeName(reasonName)]
		if !ok {
			return Field{}, &Problem{Key: key, Text: "entry.unknown_dropoff", Args: []any{reasonNames(ws.DropOff)}}
		}
		return Field{Kind: FieldDropOff, Stage: stage, Reason: reason}, nil
	case dotted && matchesWord(prefix, managerPrefix):
		i := strings.LastIndex(rest, ".")
		if i < 0 {
			return Field{}, &Problem{Key: key, Text: "entry.bad_manager_key"}
		}
		name := strings.Join(strings.Fields(rest[:i]), " ")
		stage, ok := n.stages[NormalizeName(rest[i+1:])]
		if !ok {
			return Field{}, &Problem{Key: key, Text: "entry.unknown_stage", Args: []any{stageNames(ws)}}
		}
		if name == "" || len([]rune(name)) > maxManagerName {
			return Field{}, &Problem{Key: key, Text: "entry.bad_manager_key"}
		}
		return Field{Kind: FieldManager, Stage: stage, Manager: name}, nil
	}
	if !explain {
		return Field{}, errUnexplained
	}
	// "нецелевые 12", "lost 3": the reason (and the stage) are missing.
	switch {
	case !dotted && matchesWord(key, nonTargetPrefix):
		return Field{}, &Problem{Key: key, Text: "entry.unknown_nontarget", Args: []any{reasonNames(ws.NonTarget)}}
	case !dotted && matchesWord(key, dropOffPrefix):
		return Field{}, &Problem{Key: key, Text: "entry.unknown_dropoff_stage", Args: []any{stageNames(ws)}}
	case !dotted && matchesWord(key, managerPrefix):
		return Field{}, &Problem{Key: key, Text: "entry.bad_manager_key"}
	}
	return Field{}, n.unknownKey(key)
}

// plain reads a key without dots: a stage or a money field.
func (n *FieldNames) plain(key string) (Field, bool) {
	norm := NormalizeName(key)
	switch {
	case slices.Contains(spendWords, norm):
		return Field{Kind: FieldSpend}, true
	case slices.Contains(revenueWords, norm):
		return Field{Kind: FieldRevenue}, true
	case slices.Contains(marginWords, norm):
		return Field{Kind: FieldMargin}, true
	}
	if stage, ok := n.stages[norm]; ok {
		return Field{Kind: FieldCount, Stage: stage}, true
	}
	return Field{}, false
}

func matchesWord(s string, words []string) bool {
	return slices.Contains(words, NormalizeName(s))
}

// entryStageByKey finds a stage, archived or not, by its key.
func entryStageByKey(ws *Workspace, key string) (Stage, bool) {
	i := slices.IndexFunc(ws.Stages, func(st Stage) bool { return st.Key == key })
	if i < 0 {
		return Stage{}, false
	}
	return ws.Stages[i], true
}

// entryRoleStage finds the active stage with a role.
func entryRoleStage(ws *Workspace, role StageRole) (Stage, bool) {
	for _, st := range ws.Stages {
		if !st.Archived && st.Role == role {
			return st, true
		}
	}
	return Stage{}, false
}

// Key returns the canonical key of the field, the form files and logs use:
// "leads", "spend", "nontarget.no_budget", "lost.meetings.price",
// "manager.Ivan.meetings".
func (f Field) Key() string {
	switch f.Kind {
	case FieldCount:
		return f.Stage
	case FieldSpend:
		return "spend"
	case FieldRevenue:
		return "revenue"
	case FieldMargin:
		return "margin"
	case FieldNonTarget:
		return "nontarget." + f.Reason
	case FieldDropOff:
		return "lost." + f.Stage + "." + f.Reason
	case FieldManager:
		return "manager." + f.Manager + "." + f.Stage
	}
	return ""
}

// Label returns the field's name for people: "Лиды", "Расход",
// "Нецелевые: Нет бюджета".
func (f Field) Label(ws *Workspace, lang Lang) string {
	switch f.Kind {
	case FieldCount:
		return entryStageName(ws, f.Stage).In(lang)
	case FieldSpend:
		return Text(lang, "entry.label.spend")
	case FieldRevenue:
		return Text(lang, "entry.label.revenue")
	case FieldMargin:
		return Text(lang, "entry.label.margin")
	case FieldNonTarget:
		return Text(lang, "entry.label.nontarget", entryReasonName(ws.NonTarget, f.Reason).In(lang))
	case FieldDropOff:
		return Text(lang, "entry.label.dropoff", entryStageName(ws, f.Stage).In(lang), entryReasonName(ws.DropOff, f.Reason).In(lang))
	case FieldManager:
		return Text(lang, "entry.label.manager", f.Manager, entryStageName(ws, f.Stage).In(lang))
	}
	return ""
}

// Header returns the field's column header for files in lang. ParseField
// reads it back to the same field: names are used unless they hold a dot,
// which would split a dotted key, and then the key is used.
func (f Field) Header(ws *Workspace, lang Lang) string {
	stage := headerName(f.Stage, entryStageName(ws, f.Stage), lang)
	prefix := func(en, ru string) string {
		if lang == Russian {
			return ru
		}
		return en
	}
	switch f.Kind {
	case FieldCount:
		return stage
	case FieldNonTarget:
		return prefix("nontarget.", "нецелевые.") + headerName(f.Reason, entryReasonName(ws.NonTarget, f.Reason), lang)
	case FieldDropOff:
		return prefix("lost.", "отвал.") + stage + "." + headerName(f.Reason, entryReasonName(ws.DropOff, f.Reason), lang)
	case FieldManager:
		return prefix("manager.", "менеджер.") + f.Manager + "." + stage
	}
	return f.Label(ws, lang)
}

func headerName(key string, n Name, lang Lang) string {
	if name := n.In(lang); name != "" && !strings.Contains(name, ".") {
		return name
	}
	return key
}

// entryStageName returns a stage's name, or its key as the name when the
// stage is gone from the workspace.
func entryStageName(ws *Workspace, key string) Name {
	if st, ok := entryStageByKey(ws, key); ok {
		return st.Name
	}
	return Name{En: key}
}

func entryReasonName(reasons []Reason, key string) Name {
	for _, r := range reasons {
		if r.Key == key {
			return r.Name
		}
	}
	return Name{En: key}
}

// Department returns the key of the department that owns the figure: a
// stage's count, drop-offs and manager counts belong to the stage's
// department; spend and non-target reasons to the department owning the
// leads stage (marketing); revenue and margin to the department owning the
// paid stage (sales). Empty when no department owns it: only a CEO may
// enter such a figure.
func (f Field) Department(ws *Workspace) string {
	var st Stage
	var ok bool
	switch f.Kind {
	case FieldSpend, FieldNonTarget:
		st, ok = entryRoleStage(ws, RoleLeads)
	case FieldRevenue, FieldMargin:
		st, ok = entryRoleStage(ws, RolePaid)
	default:
		st, ok = entryStageByKey(ws, f.Stage)
	}
	if !ok {
		return ""
	}
	return st.Department
}

// SortFields orders fields the way the funnel reads: stage counts in funnel
// order, spend, revenue, margin, non-target reasons, drop-offs by stage,
// then manager counts.
func SortFields(ws *Workspace, fields []Field) {
	stageIndex := func(key string) int {
		return slices.IndexFunc(ws.Stages, func(st Stage) bool { return st.Key == key })
	}
	reasonIndex := func(reasons []Reason, key string) int {
		return slices.IndexFunc(reasons, func(r Reason) bool { return r.Key == key })
	}
	slices.SortStableFunc(fields, func(a, b Field) int {
		return cmp.Or(
			cmp.Compare(a.Kind, b.Kind),
			cmp.Compare(a.Manager, b.Manager),
			cmp.Compare(stageIndex(a.Stage), stageIndex(b.Stage)),
			cmp.Compare(a.Stage, b.Stage),
			cmp.Compare(reasonIndex(ws.NonTarget, a.Reason)+reasonIndex(ws.DropOff, a.Reason), reasonIndex(ws.NonTarget, b.Reason)+reasonIndex(ws.DropOff, b.Reason)),
			cmp.Compare(a.Reason, b.Reason),
		)
	})
}
