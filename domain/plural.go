package domain

import "strings"

// Plural returns n followed by the noun of the catalog key in the form
// lang needs after n: "1 week", "3 weeks"; "1 неделя", "3 недели",
// "5 недель". The key's text lists the forms separated by "|": English
// "one|other", Russian "one|few|many".
func Plural(lang Lang, n int, key string) string {
	forms := strings.Split(Text(lang, key), "|")
	form := forms[len(forms)-1]
	switch {
	case lang == Russian && len(forms) == 3:
		switch n10, n100 := n%10, n%100; {
		case n10 == 1 && n100 != 11:
			form = forms[0]
		case n10 >= 2 && n10 <= 4 && (n100 < 12 || n100 > 14):
			form = forms[1]
		}
	case n == 1:
		form = forms[0]
	}
	return FormatCount(int64(n)) + " " + form
}
