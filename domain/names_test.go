package domain

import "testing"

func TestCleanName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Retail", "Retail"},
		{"  Retail   buyers ", "Retail buyers"},
		{"Re\u200btail", "Retail"},                    // zero-width space
		{"\u200eRetail\u200f", "Retail"},              // left-to-right and right-to-left marks
		{"\u202eliateR\u202c", "liateR"},              // right-to-left override: the letters as stored
		{"Ret\u00adail\ufeff", "Retail"},              // soft hyphen, BOM
		{"Reta\u2060il\u2066\u2069", "Retail"},        // word joiner, isolates
		{"Re\ufe0ftail", "Retail"},                    // variation selector
		{"\u3164", ""},                                // Hangul filler: a name of nothing
		{"Retail\u00a0buyers", "Retail buyers"},       // no-break space
		{"Retail\u3000\u2003buyers", "Retail buyers"}, // ideographic and em spaces
		{"Retail\tbuyers\n", "Retail buyers"},
		{"Retail\x00buyers", "Retail buyers"},
		{"Дилеры Ё", "Дилеры Ё"}, // letters and case are kept
	}
	for _, tt := range tests {
		if got := CleanName(tt.in); got != tt.want {
			t.Errorf("CleanName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalizeName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Lead_to  Qualified", "lead to qualified"},
		{"lead-to qualified", "lead to qualified"},
		{" ЁЛКИ ", "елки"},
		{"RE\u200bTAIL", "retail"},
		{"\u200d_retail_\u200d", "retail"},
	}
	for _, tt := range tests {
		if got := NormalizeName(tt.in); got != tt.want {
			t.Errorf("NormalizeName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWorkspace_LookalikeNamesAreTheSameName(t *testing.T) {
	lookalikes := []string{"Re\u200btail", "RETAIL", " retail\u200f ", "Retail\ufe0f", "re\u00adtail"}
	for _, kind := range []ListKind{ListSegments, ListStages, ListNonTarget, ListDropOff} {
		ws := newSetupWorkspace()
		key, err := ws.Add(kind, "Retail", "")
		if err != nil {
			t.Fatalf("%s: adding Retail: %v", kind, err)
		}
		for _, name := range lookalikes {
			if _, err := ws.Add(kind, name, ""); ErrorCode(err) != ECONFLICT {
				t.Errorf("%s: adding %q beside Retail: %v, want ECONFLICT", kind, name, err)
			}
			if got, ok := ws.Find(kind, name); !ok || got != key {
				t.Errorf("%s: Find(%q) = %q, %v; want %q", kind, name, got, ok, key)
			}
		}
	}
}

func TestWorkspace_NamesAreStoredClean(t *testing.T) {
	ws := newSetupWorkspace()
	key, err := ws.Add(ListSegments, "\u200eWhole\u200bsale \u00a0 partners\u2069", "")
	if err != nil {
		t.Fatal(err)
	}
	if got := ws.ItemName(ListSegments, key, English); got != "Wholesale partners" {
		t.Errorf("stored name %q, want %q", got, "Wholesale partners")
	}
	if err := ws.Rename(ListSegments, "wholesale partners", "All\u200b clients\u202e"); ErrorCode(err) != ECONFLICT {
		t.Errorf("renaming to a lookalike of All clients: %v, want ECONFLICT", err)
	}
	if err := ws.Rename(ListSegments, "wholesale partners", " Whole\u200bsale\tpartners B2B"); err != nil {
		t.Fatal(err)
	}
	if got := ws.ItemName(ListSegments, key, Russian); got != "Wholesale partners B2B" {
		t.Errorf("renamed to %q, want %q", got, "Wholesale partners B2B")
	}
	if _, err := ws.Add(ListSegments, "\u200b\u200d\u3164", ""); ErrorCode(err) != EINVALID {
		t.Errorf("a name of invisible characters only: %v, want EINVALID", err)
	}
}
