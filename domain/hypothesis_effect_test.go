package domain

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestParseEffect(t *testing.T) {
	qualified, nonTarget := ConvMetric("qualified"), MetricNonTargetShare
	for _, tc := range []struct {
		name string
		in   string
		m    Metric
		want Effect
		why  string
		code string
	}{
		{"points", "+10 pp", qualified, Effect{EffectPoints, 0.1}, "", ""},
		{"points in Russian", "+10 п.п.", qualified, Effect{EffectPoints, 0.1}, "", ""},
		{"points written together", "+5pp", qualified, Effect{EffectPoints, 0.05}, "", ""},
		{"minus sign", "−5 пп", nonTarget, Effect{EffectPoints, -0.05}, "", ""},
		{"a signed rate without a unit moves by points", "+7", qualified, Effect{EffectPoints, 0.07}, "", ""},
		{"percent of a rate is relative", "+10%", qualified, Effect{EffectPercent, 0.1}, "", ""},
		{"percent of an amount", "−20%", MetricCPL, Effect{EffectPercent, -0.2}, "", ""},
		{"a signed amount without a unit moves by percent", "-15", MetricCAC, Effect{EffectPercent, -0.15}, "", ""},
		{"a target", "≥ 45%", qualified, Effect{EffectAtLeast, 0.45}, "", ""},
		{"a target in words", "не менее 45%", qualified, Effect{EffectAtLeast, 0.45}, "", ""},
		{"a target typed with >=", ">=45", qualified, Effect{EffectAtLeast, 0.45}, "", ""},
		{"a bare rate is a target up", "45%", qualified, Effect{EffectAtLeast, 0.45}, "", ""},
		{"a bare share better lower is a target down", "15%", nonTarget, Effect{EffectAtMost, 0.15}, "", ""},
		{"an amount target", "до 1 500 ₽", MetricCPL, Effect{EffectAtMost, 1500}, "", ""},
		{"an amount target with a multiplier", "at least 1,2 млн", MetricRevenue, Effect{EffectAtLeast, 1_200_000}, "", ""},
		{"a bare amount better lower is a target down", "1500", MetricCPL, Effect{EffectAtMost, 1500}, "", ""},
		{"the why after a dash", "+10 pp — the form filters junk", qualified, Effect{EffectPoints, 0.1}, "the form filters junk", ""},
		{"the why after a comma", "≥ 45%, как у лучших менеджеров", qualified, Effect{EffectAtLeast, 0.45}, "как у лучших менеджеров", ""},
		{"words only", "much better", qualified, Effect{}, "", EINVALID},
		{"points need a sign", "10 pp", qualified, Effect{}, "", EINVALID},
		{"points are for rates", "+10 pp", MetricCPL, Effect{}, "", EINVALID},
		{"a share over 100%", "≥ 120%", qualified, Effect{}, "", EINVALID},
		{"a target with a sign", "≥ +5", qualified, Effect{}, "", EINVALID},
		{"a change to nothing", "+0 pp", qualified, Effect{}, "", EINVALID},
		{"an amount cut by all of it", "−100%", MetricCPL, Effect{}, "", EINVALID},
		{"a bare percent of an amount", "20%", MetricCPL, Effect{}, "", EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, why, err := ParseEffect(tc.in, tc.m)
			if ErrorCode(err) != tc.code {
				t.Fatalf("ParseEffect(%q) error %v, want code %q", tc.in, err, tc.code)
			}
			if got.Kind != tc.want.Kind || math.Abs(got.Value-tc.want.Value) > 1e-12 || why != tc.why {
				t.Errorf("ParseEffect(%q) = %+v, %q; want %+v, %q", tc.in, got, why, tc.want, tc.why)
			}
		})
	}
}

func TestParseEffect_ErrorShowsExamplesForTheMetricInTheLanguage(t *testing.T) {
	_, _, err := ParseEffect("лучше", MetricCPL)
	var e *Error
	if ErrorCode(err) != EINVALID || !errors.As(err, &e) {
		t.Fatalf("err = %v", err)
	}
	if got := e.Localize(Russian); !strings.Contains(got, "Не понимаю ожидаемый эффект") || !strings.Contains(got, "−10%, −20%, ≤ 1") {
		t.Errorf("Russian message = %q, want the CPL's examples", got)
	}
	if got := e.Localize(English); !strings.Contains(got, "−10%, −20%, ≤ 1") {
		t.Errorf("English message = %q", got)
	}
}

func TestEffect_TargetFormatAndStoredForm(t *testing.T) {
	base := Some(0.5)
	for _, tc := range []struct {
		e      Effect
		m      Metric
		target Value
		text   string
	}{
		{Effect{EffectPoints, 0.1}, ConvMetric("meetings"), Some(0.6), "+10\u00a0pp"},
		{Effect{EffectPercent, -0.2}, ConvMetric("meetings"), Some(0.4), "−20%"},
		{Effect{EffectAtLeast, 0.45}, ConvMetric("meetings"), Some(0.45), "≥ 45%"},
		{Effect{EffectAtMost, 1500}, MetricCPL, Some(1500), "≤ 1\u00a0500\u00a0₽"},
	} {
		if got := tc.e.Target(base); math.Abs(got.V-tc.target.V) > 1e-12 || !got.OK {
			t.Errorf("%+v.Target(50%%) = %v, want %v", tc.e, got, tc.target)
		}
		if got := tc.e.Format(tc.m, "₽", English); got != tc.text {
			t.Errorf("%+v.Format = %q, want %q", tc.e, got, tc.text)
		}
		if back, ok := ParseStoredEffect(tc.e.String()); !ok || back != tc.e {
			t.Errorf("stored form %q reads back as %+v", tc.e.String(), back)
		}
	}
	if got := (Effect{EffectPoints, 0.1}).Target(None); got.OK {
		t.Errorf("a change without a baseline has a target: %v", got)
	}
	if _, ok := ParseStoredEffect("bogus:1"); ok {
		t.Error("an unknown kind is read")
	}
}

func TestEffectPresets_TheWayTheMetricGetsBetter(t *testing.T) {
	for _, tc := range []struct {
		m    Metric
		want Effect
	}{
		{ConvMetric("meetings"), Effect{EffectPoints, 0.1}},
		{MetricNonTargetShare, Effect{EffectPoints, -0.1}},
		{MetricROMI, Effect{EffectPoints, 0.5}},
		{MetricCPL, Effect{EffectPercent, -0.2}},
		{MetricAvgCheck, Effect{EffectPercent, 0.2}},
	} {
		got := EffectPresets(tc.m)
		if len(got) != 3 || got[1] != tc.want {
			t.Errorf("EffectPresets(%s) = %+v, want %+v in the middle", tc.m, got, tc.want)
		}
		for _, e := range got {
			if err := e.Validate(tc.m); err != nil {
				t.Errorf("preset %+v of %s is invalid: %v", e, tc.m, err)
			}
		}
	}
}

func TestParseICE(t *testing.T) {
	for in, want := range map[string]ICE{"8 6 7": {8, 6, 7}, "8/6/7": {8, 6, 7}, "10×1×5": {10, 1, 5}} {
		if got, err := ParseICE(in); err != nil || got != want {
			t.Errorf("ParseICE(%q) = %+v, %v", in, got, err)
		}
	}
	for _, in := range []string{"8 6", "8 6 11", "0 5 5", "high"} {
		if _, err := ParseICE(in); ErrorCode(err) != EINVALID {
			t.Errorf("ParseICE(%q) = %v, want invalid", in, err)
		}
	}
}
