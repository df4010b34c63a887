package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"trackbot/bot/telegramtest"
)

var update = flag.Bool("update", false, "rewrite the golden walkthrough transcripts in testdata")

// The walker plays the scripted sessions of e2e_walkthrough_test.go and
// writes what the chats show, step by step, to a transcript.

// walker plays a session and writes what the chats show to a transcript.
type walker struct {
	t     *testing.T
	h     *harness
	chats []telegramtest.Chat
	seen  map[string]string
	out   strings.Builder
}

// settle waits until the bot has handled and sent everything, then writes
// what changed in the chats.
func (w *walker) settle() {
	w.t.Helper()
	w.h.waitIdle()
	w.flush()
}

func who(u telegramtest.User) string { return u.FirstName }

func chatName(c telegramtest.Chat) string {
	if c.Title != "" {
		return c.Title
	}
	return fmt.Sprintf("private %d", c.ID)
}

// flush writes every message that is new or changed since the last flush.
func (w *walker) flush() {
	for _, c := range w.chats {
		for _, m := range w.h.tg.ChatHistory(c.ID) {
			key := fmt.Sprintf("%d/%d", c.ID, m.MessageID)
			state := fmt.Sprintf("%s|%s|%v|%d", m.Text, m.Caption, m.ReplyMarkup, m.EditCount)
			old, ok := w.seen[key]
			if ok && old == state {
				continue
			}
			w.seen[key] = state
			if !m.FromBot {
				if m.Text == "" && m.Document == nil {
					continue
				}
				fmt.Fprintf(&w.out, "\n>>> [%s] %s: %s", chatName(c), who(m.From), m.Text)
				if m.Document != nil {
					fmt.Fprintf(&w.out, " [file %s] %s", m.Document.FileName, m.Caption)
				}
				w.out.WriteString("\n")
				continue
			}
			w.writeBotMessage(m, ok)
		}
	}
}

func (w *walker) writeBotMessage(m telegramtest.Message, edited bool) {
	tag := "BOT"
	if edited {
		tag = "BOT (edited)"
	}
	fmt.Fprintf(&w.out, "--- %s #%d", tag, m.MessageID)
	if m.ReplyToMessageID != 0 {
		fmt.Fprintf(&w.out, " ↩%d", m.ReplyToMessageID)
	}
	if m.MediaGroupID != "" {
		fmt.Fprintf(&w.out, " album")
	}
	w.out.WriteString("\n")
	if m.Text != "" {
		w.out.WriteString(m.Text + "\n")
	}
	for _, p := range m.Photos {
		fmt.Fprintf(&w.out, "[photo %dx%d]\n", p.Width, p.Height)
	}
	if m.Caption != "" {
		fmt.Fprintf(&w.out, "caption: %s\n", m.Caption)
	}
	if d := m.Document; d != nil {
		fmt.Fprintf(&w.out, "[document %s]\n", d.FileName)
		if strings.HasSuffix(d.FileName, ".csv") {
			w.out.Write(d.Data)
			w.out.WriteString("[end of document]\n")
		}
	}
	for _, row := range m.ReplyMarkup {
		w.out.WriteString("  ")
		for _, b := range row {
			fmt.Fprintf(&w.out, "[%s | %s] ", b.Text, b.CallbackData)
		}
		w.out.WriteString("\n")
	}
}

func (w *walker) say(chat telegramtest.Chat, u telegramtest.User, text string) telegramtest.Message {
	w.t.Helper()
	id := w.h.tg.SendText(chat, u, text)
	w.settle()
	return w.replyOf(chat, id)
}

func (w *walker) reply(chat telegramtest.Chat, u telegramtest.User, to int, text string) telegramtest.Message {
	w.t.Helper()
	id := w.h.tg.ReplyText(chat, u, to, text)
	w.settle()
	return w.replyOf(chat, id)
}

// send writes a message the bot is not expected to answer.
func (w *walker) send(chat telegramtest.Chat, u telegramtest.User, text string) int {
	w.t.Helper()
	id := w.h.tg.SendText(chat, u, text)
	w.settle()
	return id
}

func (w *walker) replyOf(chat telegramtest.Chat, id int) telegramtest.Message {
	for _, m := range w.h.tg.Messages(chat.ID) {
		if m.ReplyToMessageID == id {
			return m
		}
	}
	return telegramtest.Message{}
}

func (w *walker) msg(chat telegramtest.Chat, id int) telegramtest.Message {
	m, _ := w.h.tg.Message(chat.ID, id)
	return m
}

// press presses the first button whose data contains part.
func (w *walker) press(chat telegramtest.Chat, u telegramtest.User, id int, part string) telegramtest.Message {
	w.t.Helper()
	m := w.msg(chat, id)
	data, label := "", ""
	for _, row := range m.ReplyMarkup {
		for _, b := range row {
			if data == "" && strings.Contains(b.CallbackData, part) {
				data, label = b.CallbackData, b.Text
			}
		}
	}
	if data == "" {
		fmt.Fprintf(&w.out, "\n!!! no button %q on #%d\n", part, id)
		return m
	}
	w.pressData(chat, u, id, data, label)
	return w.msg(chat, id)
}

// refused presses a button expected to change nothing; the transcript
// shows whether it did.
func (w *walker) refused(chat telegramtest.Chat, u telegramtest.User, id int, part string) {
	w.t.Helper()
	w.press(chat, u, id, part)
}

func (w *walker) pressData(chat telegramtest.Chat, u telegramtest.User, id int, data, label string) {
	w.t.Helper()
	w.flush()
	q := w.h.tg.PressButton(chat, u, id, data)
	fmt.Fprintf(&w.out, "\n>>> [%s] %s presses [%s] (%s) on #%d\n", chatName(chat), who(u), label, data, id)
	w.h.waitIdle()
	a := w.h.tg.CallbackAnswers()[q]
	fmt.Fprintf(&w.out, "<<< answer: %q alert=%v answered=%v\n", a.Text, a.ShowAlert, a.Answered)
	w.flush()
}

func (w *walker) upload(chat telegramtest.Chat, u telegramtest.User, name, data, caption string) telegramtest.Message {
	w.t.Helper()
	id := w.h.tg.SendDocument(chat, u, name, []byte(data), caption)
	w.settle()
	return w.replyOf(chat, id)
}

func (w *walker) note(s string) { fmt.Fprintf(&w.out, "\n=========== %s ===========\n", s) }

// latest returns the newest bot message whose text contains part.
func (w *walker) latest(chat telegramtest.Chat, part string) telegramtest.Message {
	ms := w.h.tg.Messages(chat.ID)
	for i := len(ms) - 1; i >= 0; i-- {
		if strings.Contains(ms[i].Text, part) {
			return ms[i]
		}
	}
	return telegramtest.Message{}
}

// compareGolden compares the transcript with testdata/name, or rewrites it
// with -update.
func compareGolden(t *testing.T, name, got string) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("read golden (run with -update to create): %v", err)
	}
	if bytes.Equal(want, []byte(got)) {
		return
	}
	gotLines, wantLines := strings.Split(got, "\n"), strings.Split(string(want), "\n")
	for i := range max(len(gotLines), len(wantLines)) {
		var g, w string
		if i < len(gotLines) {
			g = gotLines[i]
		}
		if i < len(wantLines) {
			w = wantLines[i]
		}
		if g != w {
			t.Fatalf("transcript differs from %s at line %d:\n got: %q\nwant: %q\n(run with -update after checking the change)", file, i+1, g, w)
		}
	}
}

// longID matches the ids the bot derives from the clock (join requests,
// outbox keys), which differ from run to run.
var longID = regexp.MustCompile(`\b[0-9]{12,}\b`)

// numberIDs replaces each such id by its order of first appearance, so the
// transcript still shows which buttons refer to the same thing.
func numberIDs(s string) string {
	seen := map[string]string{}
	return longID.ReplaceAllStringFunc(s, func(id string) string {
		if _, ok := seen[id]; !ok {
			seen[id] = fmt.Sprintf("<id%d>", len(seen)+1)
		}
		return seen[id]
	})
}
