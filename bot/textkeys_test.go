package bot

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"trackbot/domain"
)

// The catalog renders a missing key as the key itself, so a typo would reach
// users. These tests read the module's sources (this package sees the whole
// catalog: domain's and sheets' texts) and check every key the code names.

// Every text key written in the code is in the catalog in both languages.
func TestTextKeys_EveryKeyInCodeIsInBothLanguages(t *testing.T) {
	src := scanTextKeys(t, "..")
	for _, key := range slices.Sorted(maps.Keys(src.named)) {
		if !domain.HasText(key) {
			t.Errorf("%s: text key %q is not in the catalog in both languages", src.named[key][0], key)
		}
	}
	dynamic := dynamicTextKeys()
	for _, prefix := range slices.Sorted(maps.Keys(src.prefixes)) {
		expansions, ok := dynamic[prefix]
		if !ok {
			t.Errorf("%s: a text key is built from %q: list what it is completed with in dynamicTextKeys", src.prefixes[prefix][0], prefix)
			continue
		}
		for _, e := range expansions {
			if !domain.HasText(prefix + e) {
				t.Errorf("%s: text key %q is not in the catalog in both languages", src.prefixes[prefix][0], prefix+e)
			}
		}
	}
	for prefix := range dynamic {
		if _, ok := src.prefixes[prefix]; !ok {
			t.Errorf("dynamicTextKeys lists %q, which no code builds a key from any more", prefix)
		}
	}
}

// Every text in the catalog is used somewhere, so dead texts do not pile up
// and translators do not translate them.
func TestTextKeys_EveryCatalogTextIsUsed(t *testing.T) {
	src := scanTextKeys(t, "..")
	used := map[string]bool{}
	for prefix, expansions := range dynamicTextKeys() {
		for _, e := range expansions {
			used[prefix+e] = true
		}
	}
	for _, key := range domain.TextKeys() {
		if !src.mentioned[key] && !used[key] {
			t.Errorf("catalog text %q is used nowhere: delete it, or name it in code", key)
		}
	}
}

// The test must be able to fail: a misspelt key in a call, a misspelt key
// kept in a variable and an unlisted built key are all found.
func TestTextKeys_ScanFindsKeys(t *testing.T) {
	dir := t.TempDir()
	code := `package x
func f(c *C, lang string) {
	c.T("review.movez")
	key := "review.no_questionz"
	_ = domain.Text(lang, key)
	_ = domain.Errorf("invalid", "nope."+key)
	_ = fmt.Errorf("%s", "nope.fmt")
	_ = domain.Texts{"review.defined_here": {}}
}
`
	if err := os.WriteFile(filepath.Join(dir, "x.go"), []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	src := scanTextKeys(t, dir)
	if got, want := slices.Sorted(maps.Keys(src.named)), []string{"review.movez", "review.no_questionz"}; !slices.Equal(got, want) {
		t.Errorf("named keys = %q, want %q", got, want)
	}
	if got, want := slices.Sorted(maps.Keys(src.prefixes)), []string{"nope."}; !slices.Equal(got, want) {
		t.Errorf("prefixes = %q, want %q", got, want)
	}
	if src.mentioned["review.defined_here"] {
		t.Error("a key defined in a catalog literal counts as used")
	}
}

// dynamicTextKeys lists, for each key prefix the code completes at run time
// ("cmd." + a command's name), every value it is completed with.
func dynamicTextKeys() map[string][]string {
	var commands []string
	for _, cmd := range (*Bot)(nil).commands() {
		if !cmd.hidden { // hidden commands are not in the menu, the only place "cmd." is used
			commands = append(commands, cmd.name)
		}
	}
	var days []string
	for d := time.Sunday; d <= time.Saturday; d++ {
		days = append(days, strings.ToLower(d.String()[:3]))
	}
	statuses := append([]domain.HypothesisStatus{domain.StatusDraft}, domain.HypothesisStatuses...)
	metrics := []domain.Metric{domain.MetricCPL, domain.MetricCostPerQualified, domain.MetricCAC, domain.MetricAvgCheck,
		domain.MetricROMI, domain.MetricNonTargetShare, domain.MetricSpend, domain.MetricRevenue}
	return map[string][]string{
		"cmd.":            commands,
		"hyp.action.":     keyCompletions(domain.AllActions),
		"hyp.deadline.":   keyCompletions(domain.DeadlinePresets),
		"hyp.status.":     keyCompletions(statuses),
		"schedule.kind.":  keyCompletions(domain.ScheduleKinds),
		"schedule.day.":   days,
		"calc.metric.":    keyCompletions(metrics),
		"hyp.verdict.":    keyCompletions(domain.VerdictKinds),
		"hyp.noise.":      keyCompletions(domain.Noises),
		"hyp.edit_field.": keyCompletions(domain.EditFields),
		// Departments without their own question get "other"; "focus" is asked about the focus segment.
		"question.ask.": {domain.DeptMarketing, domain.DeptSales, "other", "focus"},
		// The snapshot always posts, so only the other two can have nothing to send.
		"settings.nothing.": keyCompletions([]domain.ScheduleKind{domain.ScheduleReminder, domain.ScheduleDigest}),
		"setup.title_":      keyCompletions([]domain.ListKind{domain.ListSegments, domain.ListStages, domain.ListNonTarget, domain.ListDropOff}),
		// The two reason lists share "setup.reason_usage".
		"setup.usage_": keyCompletions([]domain.ListKind{domain.ListSegments, domain.ListStages}),
		"source.kind.": keyCompletions(domain.SourceKinds),
		// Only the CRMs take a secret.
		"source.ask.":        keyCompletions([]domain.SourceKind{domain.SourceKommo, domain.SourceBitrix24}),
		"source.secret_bad.": keyCompletions([]domain.SourceKind{domain.SourceKommo, domain.SourceBitrix24}),
		"source.map_part.":   keyCompletions(domain.MapParts),
		// What a sync's failure can be (sources_read.go classifies them).
		"source.fail.": {"network", "unauthorized", "limit", "changed", "private", "link", "status", "too_big", "html", "data", "other", "unavailable", "secret"},
	}
}

// keyCompletions converts a list of string-based values.
func keyCompletions[S ~string](in []S) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = string(s)
	}
	return out
}

// textKeySources is what the sources say about text keys; each key maps
// to the places ("bot/review.go:12") it is written.
type textKeySources struct {
	named     map[string][]string // whole keys: "review.moves"
	prefixes  map[string][]string // keys completed at run time: "cmd."
	mentioned map[string]bool     // every string literal but the catalog's own keys
}

// textKeyShape matches a string shaped like a text key or a key prefix.
var textKeyShape = regexp.MustCompile(`^[a-z][a-z0-9_]*\.[a-z0-9_.]*$`)

// notTextKey matches strings shaped like keys of a catalog namespace that
// are something else: attachment file names and configuration keys.
var notTextKey = regexp.MustCompile(`\.(png|html|txt|csv|xlsx)$|^(log\.format|log\.level|storage\.(path|backup_dir|backup_keep|admin_socket))$`)

// scanTextKeys reads the non-test Go files under root. A string is a key
// when it is the key argument of Text, T or Errorf, or when it is shaped
// like a key in one of the catalog's namespaces ("review.", "hyp.", …),
// which finds keys kept in variables and struct fields too.
func scanTextKeys(t *testing.T, root string) textKeySources {
	t.Helper()
	namespaces := map[string]bool{}
	for _, key := range domain.TextKeys() {
		ns, _, _ := strings.Cut(key, ".")
		namespaces[ns] = true
	}
	src := textKeySources{named: map[string][]string{}, prefixes: map[string][]string{}, mentioned: map[string]bool{}}
	fset := token.NewFileSet()
	add := func(m map[string][]string, s string, pos token.Pos) {
		p := fset.Position(pos)
		rel, err := filepath.Rel(root, p.Filename)
		if err != nil {
			rel = p.Filename
		}
		m[s] = append(m[s], rel+":"+strconv.Itoa(p.Line))
	}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		defined := map[*ast.BasicLit]bool{} // the catalog's own keys: Texts{"key": …}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CompositeLit:
				if isTextsType(n.Type) {
					for _, e := range n.Elts {
						if kv, ok := e.(*ast.KeyValueExpr); ok {
							if lit, ok := kv.Key.(*ast.BasicLit); ok {
								defined[lit] = true
							}
						}
					}
				}
			case *ast.CallExpr:
				arg := textKeyArg(n)
				if arg == nil {
					break
				}
				if s, ok := textKeyLiteral(arg); ok {
					add(src.named, s, arg.Pos())
				} else if b, ok := arg.(*ast.BinaryExpr); ok && b.Op == token.ADD {
					if s, ok := textKeyLiteral(b.X); ok {
						add(src.prefixes, s, b.Pos())
					}
				}
			case *ast.BasicLit:
				s, ok := textKeyLiteral(n)
				if !ok || defined[n] {
					break
				}
				src.mentioned[s] = true
				ns, _, _ := strings.Cut(s, ".")
				if !textKeyShape.MatchString(s) || !namespaces[ns] || notTextKey.MatchString(s) {
					break
				}
				if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "_") {
					add(src.prefixes, s, n.Pos())
				} else {
					add(src.named, s, n.Pos())
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for m := range slices.Values([]map[string][]string{src.named, src.prefixes}) {
		for k, v := range m {
			slices.Sort(v)
			m[k] = slices.Compact(v)
		}
	}
	return src
}

// textKeyArg returns the argument of a call that names a text key:
// Text(lang, key, …), c.T(key, …) and Errorf(code, key, …), but not fmt's.
func textKeyArg(call *ast.CallExpr) ast.Expr {
	name, recv := "", ""
	switch fn := call.Fun.(type) {
	case *ast.Ident:
		name = fn.Name
	case *ast.SelectorExpr:
		name = fn.Sel.Name
		if id, ok := fn.X.(*ast.Ident); ok {
			recv = id.Name
		}
	}
	switch {
	case name == "Text" && len(call.Args) >= 2:
		return call.Args[1]
	case name == "T" && recv != "" && len(call.Args) >= 1:
		return call.Args[0]
	case name == "Errorf" && recv != "fmt" && len(call.Args) >= 2:
		return call.Args[1]
	}
	return nil
}

// isTextsType reports whether a composite literal's type is the catalog's.
func isTextsType(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name == "Texts"
	case *ast.SelectorExpr:
		return e.Sel.Name == "Texts"
	}
	return false
}

// textKeyLiteral returns the value of a string literal.
func textKeyLiteral(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}
