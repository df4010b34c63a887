package main

import (
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"trackbot/charts"
	"trackbot/domain"
	"trackbot/sample"
	"trackbot/storage"
)

// demo is `trackbot demo [--out DIR] [--lang ru|en]`: it builds the sample
// workspace of the method's case (a playground maker whose money comes
// from dealers while retail leads flood marketing) in a local database and
// writes the review as the chat would show it — the pictures and the text —
// into DIR. It needs no token and no network.
func demo(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("trackbot demo", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("out", "demo", "folder for the pictures and the review text")
	langName := fs.String("lang", "ru", "language: ru or en")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return errors.New("usage: trackbot demo [--out DIR] [--lang ru|en]")
	}
	lang, ok := domain.ParseLang(*langName)
	if !ok {
		return fmt.Errorf("--lang %q: expected ru or en", *langName)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	now := time.Now()
	ws, recs := sample.Workspace(now)
	ws.Lang = lang
	if lang == domain.English {
		ws.Title = "Raduga Playgrounds"
	}
	if err := storeDemo(filepath.Join(*out, "demo.db"), ws, recs); err != nil {
		return err
	}
	renderer, err := charts.New()
	if err != nil {
		return err
	}
	pack, err := renderer.ReviewPack(ws, "", domain.WeekPeriod(ws.LastCompleteWeek(now)), recs, nil, nil, ws.Today(now))
	if err != nil {
		return err
	}
	var written []string
	for _, f := range pack.Pictures {
		written = append(written, f.Name)
		if err := os.WriteFile(filepath.Join(*out, f.Name), f.Data, 0o644); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(*out, "review.html"), []byte(reviewPage(pack)), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(*out, "review.txt"), []byte(pack.PlainText()), 0o644); err != nil {
		return err
	}
	written = append(written, "review.txt", "review.html", "demo.db")
	fmt.Fprintf(stdout, "Demo workspace %q: %d weeks, %d segments. Wrote to %s/:\n", ws.Title, sample.Weeks, len(ws.Segments), *out)
	for _, name := range written {
		fmt.Fprintln(stdout, "  "+name)
	}
	fmt.Fprintln(stdout, "\n"+pack.PlainText())
	return nil
}

// storeDemo writes the sample workspace into a fresh database, so the demo
// also shows what the bot would store.
func storeDemo(path string, ws *domain.Workspace, recs []domain.WeeklyRecord) error {
	if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
		return err
	}
	db, err := storage.Open(path, storage.Options{Timeout: time.Second})
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Update(func(tx domain.Tx) error {
		if err := tx.Workspaces().Create(ws); err != nil {
			return err
		}
		for _, r := range recs {
			if err := tx.Records().Put(ws.ID, r); err != nil {
				return err
			}
		}
		return nil
	})
}

// reviewPage returns a page that shows the pack as the chat does: the
// messages in order and the pictures of the media group between them.
func reviewPage(p domain.ReviewPack) string {
	var sb strings.Builder
	sb.WriteString("<!doctype html>\n<meta charset=\"utf-8\">\n<title>trackbot review</title>\n" +
		"<style>body{font-family:sans-serif;max-width:760px;margin:2em auto;background:#eef1f5}" +
		".msg{background:#fff;border-radius:12px;padding:12px 16px;margin:12px 0;white-space:pre-wrap}" +
		"img{width:100%;border-radius:8px;margin:6px 0}</style>\n")
	block := func(msg string) { sb.WriteString("<div class=\"msg\">" + msg + "</div>\n") }
	block(p.Headline)
	var pics strings.Builder
	for _, f := range p.Pictures {
		fmt.Fprintf(&pics, "<img src=\"%s\" alt=\"%s\"><div>%s</div>", html.EscapeString(f.Name), html.EscapeString(domain.StripTags(f.Caption)), f.Caption)
	}
	block(pics.String())
	for _, msg := range p.FollowUps() {
		block(msg)
	}
	return sb.String()
}
