package bot

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"trackbot/domain"
	"trackbot/storage"
)

// The handler tests drive the bot in-process: an update goes to
// (*Bot).handleUpdate, which commits the handler's changes and its replies
// in one transaction, and the replies are read back from the outbox in a
// real bbolt file. The sender, the scheduler and the poll loop never run;
// the few handlers that ask Telegram something (/setup's admin check,
// /import's download) talk to fakeAPI in memory.
//
// Entry points this file depends on, should the bot's internals move:
// (*Bot).handleUpdate, Bot.self (the bot's own user, set by Run), and
// Bot.tg (built by newTelegram) in installFakeAPI.

// The people and chats the handler tests play.
var (
	anna       = tgbotapi.User{ID: 101, FirstName: "Anna", LastName: "Petrova", UserName: "anna_ceo", LanguageCode: "en"}
	mark       = tgbotapi.User{ID: 102, FirstName: "Mark", UserName: "mark_head", LanguageCode: "en"}
	sergey     = tgbotapi.User{ID: 103, FirstName: "Sergey", UserName: "sales_head", LanguageCode: "ru"}
	olga       = tgbotapi.User{ID: 104, FirstName: "Olga", LanguageCode: "en"}
	leadership = tgbotapi.Chat{ID: -1001000000001, Type: "supergroup", Title: "Leadership"}
	otherTeam  = tgbotapi.Chat{ID: -1001000000002, Type: "supergroup", Title: "Other company"}
	botUser    = tgbotapi.User{ID: 999, IsBot: true, FirstName: "trackbot", UserName: "trackbot_test_bot"}
)

// privateChat is the private chat of the bot with u.
func privateChat(u tgbotapi.User) tgbotapi.Chat {
	return tgbotapi.Chat{ID: u.ID, Type: "private", FirstName: u.FirstName}
}

// handlerStart is the harness's "now": Wednesday 18 March 2026, 13:00 in
// Moscow, in week 2026-W12; the last complete week is 2026-W11.
var handlerStart = time.Date(2026, 3, 18, 10, 0, 0, 0, time.UTC)

// handlerHarness is a bot on a fresh database, fed updates by hand.
type handlerHarness struct {
	t     *testing.T
	b     *Bot
	db    *storage.DB
	api   *fakeAPI
	now   time.Time
	upd   int            // the last update id
	msg   int            // the last message id, the users' and the bot's
	seen  map[int64]bool // outbox jobs already returned
	shown map[[2]int64]shownMessage
	said  map[[2]int64]*tgbotapi.Message // the users' messages, for replies to them
	// threads are the forum topics of messages (chat, message id) that
	// are in one, and forums the chats with topics (see
	// handler_topics_test.go).
	threads map[[2]int64]int
	forums  map[int64]bool
}

// shownMessage is what a chat shows of one bot message now.
type shownMessage struct {
	Text     string // HTML
	Keyboard [][]domain.Button
	ReplyTo  int // the message it replies to
}

// newHandlerHarness builds a bot whose clock stands at handlerStart on a
// database in t.TempDir().
func newHandlerHarness(t *testing.T) *handlerHarness {
	t.Helper()
	// Each test has its own database (in memory: see openDB): they run
	// side by side.
	t.Parallel()
	return buildHandlerHarness(t, nil, slog.New(slog.DiscardHandler))
}

// buildHandlerHarness is the one place a harness is put together: its
// state with every map made, a database in t.TempDir() opened with
// secretsKey (nil for none), and a bot on the harness's clock logging to
// log, built with opts besides. It does not call t.Parallel.
func buildHandlerHarness(t *testing.T, secretsKey []byte, log *slog.Logger, opts ...Option) *handlerHarness {
	t.Helper()
	h := &handlerHarness{t: t, now: handlerStart, seen: map[int64]bool{}, shown: map[[2]int64]shownMessage{},
		said: map[[2]int64]*tgbotapi.Message{}, threads: map[[2]int64]int{}, forums: map[int64]bool{}}
	clock := func() time.Time { return h.now }
	db := openDBWith(t, storage.Options{Now: clock, SecretsKey: secretsKey})
	h.db = db
	opts = append([]Option{WithClock(clock), WithRenderer(testRenderer(t))}, opts...)
	h.b = New(Config{TimeZone: "Europe/Moscow"}, db, log, opts...)
	h.b.self = botUser
	h.api = installFakeAPI(t, h.b)
	return h
}

// advance moves the clock.
func (h *handlerHarness) advance(d time.Duration) { h.now = h.now.Add(d) }

// setUp stores a workspace for the chat as /setup would make it, with
// Anna as its CEO, in English and Moscow time.
func (h *handlerHarness) setUp(chat tgbotapi.Chat) *domain.Workspace {
	h.t.Helper()
	ws := domain.NewWorkspace(chat.ID, chat.Title, domain.English, "Europe/Moscow", person(&anna), h.now.Add(-30*24*time.Hour))
	h.update(func(tx domain.Tx) error { return tx.Workspaces().Create(ws) })
	return ws
}

// grant gives u a role in the chat's workspace straight in the store.
func (h *handlerHarness) grant(chat tgbotapi.Chat, u tgbotapi.User, role domain.Role, dept string) {
	h.t.Helper()
	h.changeWorkspace(chat, func(ws *domain.Workspace) error { return ws.Grant(person(&u), role, dept, h.now) })
}

// changeWorkspace edits the chat's stored workspace.
func (h *handlerHarness) changeWorkspace(chat tgbotapi.Chat, fn func(ws *domain.Workspace) error) {
	h.t.Helper()
	h.update(func(tx domain.Tx) error {
		ws, err := tx.Workspaces().ByChat(chat.ID)
		if err != nil {
			return err
		}
		if err := fn(ws); err != nil {
			return err
		}
		return tx.Workspaces().Put(ws)
	})
}

// putRecords stores weekly records in the chat's workspace.
func (h *handlerHarness) putRecords(chat tgbotapi.Chat, recs ...domain.WeeklyRecord) {
	h.t.Helper()
	id := h.workspace(chat).ID
	h.update(func(tx domain.Tx) error {
		for _, r := range recs {
			if err := tx.Records().Put(id, r); err != nil {
				return err
			}
		}
		return nil
	})
}

// update runs fn in a write transaction.
func (h *handlerHarness) update(fn func(tx domain.Tx) error) {
	h.t.Helper()
	if err := h.db.Update(fn); err != nil {
		h.t.Fatal(err)
	}
}

// view runs fn in a read transaction.
func (h *handlerHarness) view(fn func(tx domain.Tx) error) {
	h.t.Helper()
	if err := h.db.View(fn); err != nil {
		h.t.Fatal(err)
	}
}

// workspace reads the chat's stored workspace, or nil.
func (h *handlerHarness) workspace(chat tgbotapi.Chat) *domain.Workspace {
	h.t.Helper()
	var ws *domain.Workspace
	h.view(func(tx domain.Tx) error {
		var err error
		ws, err = tx.Workspaces().ByChat(chat.ID)
		if domain.ErrorCode(err) == domain.ENOTFOUND {
			return nil
		}
		return err
	})
	return ws
}

// records reads every stored record of the chat's workspace.
func (h *handlerHarness) records(chat tgbotapi.Chat) []domain.WeeklyRecord {
	h.t.Helper()
	id := h.workspace(chat).ID
	var recs []domain.WeeklyRecord
	h.view(func(tx domain.Tx) error {
		var err error
		recs, err = tx.Records().Range(id, "", domain.Week{Year: 1900, Num: 1}, domain.Week{Year: 9999, Num: 52})
		return err
	})
	return recs
}

// hypotheses reads every stored hypothesis of the chat's workspace,
// drafts included.
func (h *handlerHarness) hypotheses(chat tgbotapi.Chat) []*domain.Hypothesis {
	h.t.Helper()
	id := h.workspace(chat).ID
	var hs []*domain.Hypothesis
	h.view(func(tx domain.Tx) error {
		var err error
		hs, err = tx.Hypotheses().List(id)
		return err
	})
	return hs
}

// message is a new user message; a leading /word is marked a command as
// Telegram does.
func (h *handlerHarness) message(chat tgbotapi.Chat, from tgbotapi.User, text string) *tgbotapi.Message {
	h.msg++
	m := &tgbotapi.Message{MessageID: h.msg, From: &from, Chat: &chat, Date: int(h.now.Unix()), Text: text}
	m.Entities = commandEntity(text)
	h.said[[2]int64{chat.ID, int64(m.MessageID)}] = m
	return m
}

func commandEntity(text string) []tgbotapi.MessageEntity {
	if !strings.HasPrefix(text, "/") {
		return nil
	}
	word, _, _ := strings.Cut(text, " ")
	word, _, _ = strings.Cut(word, "\n")
	return []tgbotapi.MessageEntity{{Type: "bot_command", Offset: 0, Length: len(utf16.Encode([]rune(word)))}}
}

// send delivers a text message and returns what the bot queued for it.
func (h *handlerHarness) send(chat tgbotapi.Chat, from tgbotapi.User, text string) sent {
	h.t.Helper()
	return h.handle(tgbotapi.Update{Message: h.message(chat, from, text)})
}

// replyTo delivers a text message replying to message to (a bot message
// unless the id is one of a user's).
func (h *handlerHarness) replyTo(chat tgbotapi.Chat, from tgbotapi.User, to int, text string) sent {
	h.t.Helper()
	m := h.message(chat, from, text)
	m.ReplyToMessage = h.original(chat, to)
	return h.handle(tgbotapi.Update{Message: m})
}

// replyToUser delivers a message replying to another person's message.
func (h *handlerHarness) replyToUser(chat tgbotapi.Chat, from tgbotapi.User, to *tgbotapi.Message, text string) sent {
	h.t.Helper()
	m := h.message(chat, from, text)
	m.ReplyToMessage = to
	return h.handle(tgbotapi.Update{Message: m})
}

// say posts a plain message without handling it, as privacy mode keeps
// it from the bot; it is there to be replied to.
func (h *handlerHarness) say(chat tgbotapi.Chat, from tgbotapi.User, text string) *tgbotapi.Message {
	return h.message(chat, from, text)
}

// document delivers a file with a caption; replyTo, when not zero, makes
// it a reply to that bot message. The file's content is served by fakeAPI.
func (h *handlerHarness) document(chat tgbotapi.Chat, from tgbotapi.User, name string, data []byte, caption string, replyTo int) sent {
	h.t.Helper()
	m := h.message(chat, from, "")
	fileID := "file-" + name
	h.api.putFile(fileID, data)
	m.Document = &tgbotapi.Document{FileID: fileID, FileUniqueID: fileID, FileName: name, FileSize: len(data)}
	m.Caption, m.CaptionEntities = caption, commandEntity(caption)
	if replyTo != 0 {
		m.ReplyToMessage = h.original(chat, replyTo)
	}
	return h.handle(tgbotapi.Update{Message: m})
}

// press presses a button with the data on a bot message, and checks the
// press got exactly one answer, as every press must.
func (h *handlerHarness) press(chat tgbotapi.Chat, from tgbotapi.User, msgID int, data string) sent {
	h.t.Helper()
	h.upd++
	q := &tgbotapi.CallbackQuery{ID: "q" + strconv.Itoa(h.upd), From: &from, Message: h.original(chat, msgID), Data: data}
	out := h.handle(tgbotapi.Update{CallbackQuery: q})
	if n := len(out.ofKind(domain.AnswerCallback)); n != 1 {
		h.t.Errorf("press of %q got %d answers, want exactly one", data, n)
	}
	return out
}

// handle runs one update through the bot and returns the jobs its commit
// added to the outbox, delivered (see deliverNew).
// Handlers look sent messages up by job key only (a card re-posted with
// /hyp H-1, a result prompt), so only keyed jobs are marked sent in the
// store; that saves a write transaction per update.
func (h *handlerHarness) handle(u tgbotapi.Update) sent {
	h.t.Helper()
	h.upd++
	u.UpdateID = h.upd
	if err := h.b.handleUpdate(context.Background(), tgUpdate{Update: u, topic: h.topicOf(u)}); err != nil {
		h.t.Fatalf("handleUpdate: %v", err)
	}
	return h.delivered()
}

// tick runs the scheduler once at the harness's clock, as its loop would
// when something is due, and returns the jobs it stored, delivered.
func (h *handlerHarness) tick() sent {
	h.t.Helper()
	h.b.sched.tick(context.Background())
	return h.delivered()
}

// delivered returns the jobs added to the outbox since the last look,
// delivered as handle describes; keyed jobs are marked sent, as the
// sender would, so handlers can find their message ids.
func (h *handlerHarness) delivered() sent {
	h.t.Helper()
	jobs := h.deliverNew()
	var keyed []*domain.OutboxJob
	for _, j := range jobs {
		if j.Key != "" {
			keyed = append(keyed, j)
		}
	}
	if len(keyed) > 0 {
		h.update(func(tx domain.Tx) error {
			for _, j := range keyed {
				if err := tx.Outbox().Done(j.ID, j.MessageIDs, h.now); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return sent{t: h.t, jobs: jobs}
}

// deliverNew returns the outbox jobs not seen yet, each checked against
// Telegram's rules (checkTelegramRules) and delivered: given message ids,
// shown in its chat, and its topic noted.
func (h *handlerHarness) deliverNew() []*domain.OutboxJob {
	h.t.Helper()
	var pending, jobs []*domain.OutboxJob
	h.view(func(tx domain.Tx) error {
		var err error
		pending, err = tx.Outbox().Pending()
		return err
	})
	for _, j := range pending {
		if h.seen[j.ID] {
			continue
		}
		h.seen[j.ID] = true
		checkTelegramRules(h.t, j)
		j.MessageIDs = h.deliver(j)
		h.noteThread(j)
		jobs = append(jobs, j)
	}
	return jobs
}

// deliver plays Telegram taking a job: the message ids it returns, and
// what the chat shows afterwards.
func (h *handlerHarness) deliver(j *domain.OutboxJob) []int {
	var ids []int
	switch j.Kind {
	case domain.SendText, domain.SendPhoto, domain.SendDocument:
		h.msg++
		ids = []int{h.msg}
	case domain.SendMediaGroup:
		for range j.Files {
			h.msg++
			ids = append(ids, h.msg)
		}
	case domain.EditText:
		key := [2]int64{j.ChatID, int64(j.EditMessageID)}
		h.shown[key] = shownMessage{Text: j.Text, Keyboard: j.Keyboard, ReplyTo: h.shown[key].ReplyTo}
	}
	if j.Kind == domain.SendText {
		h.shown[[2]int64{j.ChatID, int64(ids[0])}] = shownMessage{Text: j.Text, Keyboard: j.Keyboard, ReplyTo: j.ReplyTo}
	}
	return ids
}

// shownText is the plain text the chat shows for a bot message now.
func (h *handlerHarness) shownText(chat tgbotapi.Chat, id int) string {
	return htmlPlain(h.shown[[2]int64{chat.ID, int64(id)}].Text)
}
