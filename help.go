package main

import (
	"fmt"
	"io"
	"runtime/debug"
)

// usage is what `trackbot help`, `--help` and `-h` print. It needs no
// configuration, so it works on a fresh machine before anything is set up.
const usage = `trackbot runs a company's management tracking routine from its leadership
group chat in Telegram.

Usage:
  trackbot [serve]                          run the bot (long polling, or a webhook
                                            when telegram.webhook.url is set)
  trackbot demo [--out DIR] [--lang ru|en]  write the sample review (pictures, text,
                                            database); offline, no token needed
  trackbot import FILE --workspace ID [--yes [--anyway]]
                                            import numbers from CSV/XLSX after a
                                            preview (the bot must be stopped)
  trackbot backup FILE                      a consistent copy of the database, also
                                            while the bot runs
  trackbot eval [--draws N] [--seed S] [--misses]
                                            score the tracker questions on generated
                                            funnels; offline
  trackbot check-config                     validate the configuration and exit
  trackbot version                          print the version and VCS revision
  trackbot help                             print this help (also --help, -h)

Every command takes --config PATH (default ./config.yaml). Every key of the
file can be set in the environment instead: TRACKBOT_ + the key in capitals
with dots as underscores (telegram.token -> TRACKBOT_TELEGRAM_TOKEN).
`

// isHelp reports whether the argument asks for the usage.
func isHelp(arg string) bool {
	switch arg {
	case "help", "-h", "-help", "--help":
		return true
	}
	return false
}

// printVersion writes the version line: the module version and the VCS
// revision the binary was built from, as the Go toolchain recorded them.
func printVersion(w io.Writer) {
	fmt.Fprintln(w, versionString(version, readBuildInfo()))
}

// readBuildInfo is debug.ReadBuildInfo, or nil in a binary built without
// module support.
func readBuildInfo() *debug.BuildInfo {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return nil
	}
	return info
}

// versionString says which build this is. A version set with -ldflags
// "-X main.version=..." wins over the module's; the revision comes from
// the build info (absent with -buildvcs=false or outside a repository).
func versionString(ldVersion string, info *debug.BuildInfo) string {
	v := ldVersion
	revision, modified, at := "", false, ""
	if info != nil {
		if v == "" || v == "dev" {
			if mv := info.Main.Version; mv != "" && mv != "(devel)" {
				v = mv
			}
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			case "vcs.time":
				at = s.Value
			}
		}
	}
	if v == "" {
		v = "dev"
	}
	line := "trackbot " + v
	if revision == "" {
		return line + " (revision unknown)"
	}
	line += " (revision " + revision
	if modified {
		line += ", modified"
	}
	if at != "" {
		line += ", " + at
	}
	if info != nil && info.GoVersion != "" {
		line += ", " + info.GoVersion
	}
	return line + ")"
}
