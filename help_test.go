package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestHelp_PrintsUsageWithoutConfiguration(t *testing.T) {
	// A token in a bad shape and a missing config file would stop serve:
	// help must not look at either.
	t.Setenv("TRACKBOT_TELEGRAM_TOKEN", "not-a-token")
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}, {"serve", "--help"}, {"--config", "/nonexistent.yaml", "-h"}} {
		var out, errOut strings.Builder
		code := run(t.Context(), args, &out, &errOut)
		if code != 0 {
			t.Errorf("trackbot %v: exit %d, stderr %q; want 0", args, code, errOut.String())
		}
		if !strings.Contains(out.String(), "Usage:") || !strings.Contains(out.String(), "trackbot backup FILE") {
			t.Errorf("trackbot %v printed %q, want the usage", args, out.String())
		}
		if errOut.Len() != 0 {
			t.Errorf("trackbot %v wrote to stderr: %q", args, errOut.String())
		}
	}
}

func TestVersion_NamesModuleVersionAndRevision(t *testing.T) {
	info := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "trackbot", Version: "v1.4.0"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef"},
		{Key: "vcs.time", Value: "2026-05-01T10:00:00Z"},
		{Key: "vcs.modified", Value: "true"},
	}}
	tests := []struct {
		name      string
		ldVersion string
		info      *debug.BuildInfo
		want      string
	}{
		{"module version and revision", "dev", info, "trackbot v1.4.0 (revision 0123456789abcdef, modified, 2026-05-01T10:00:00Z, go1.26.8)"},
		{"a version set with -ldflags wins", "v2.0.0", info, "trackbot v2.0.0 (revision 0123456789abcdef, modified, 2026-05-01T10:00:00Z, go1.26.8)"},
		{"a devel build without VCS stamping", "dev", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "trackbot dev (revision unknown)"},
		{"no build info", "dev", nil, "trackbot dev (revision unknown)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := versionString(tt.ldVersion, tt.info); got != tt.want {
				t.Errorf("versionString = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestVersion_CommandPrintsAndExitsZero(t *testing.T) {
	var out, errOut strings.Builder
	if code := run(t.Context(), []string{"version"}, &out, &errOut); code != 0 || !strings.HasPrefix(out.String(), "trackbot ") {
		t.Errorf("trackbot version: exit %d, out %q, err %q", code, out.String(), errOut.String())
	}
}
