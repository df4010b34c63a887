package telegramtest

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func TestGetMeAndToken(t *testing.T) {
	srv, bot := newBot(t)
	if bot.Self.UserName != "trackbot_test_bot" || !bot.Self.IsBot {
		t.Fatalf("getMe: %+v", bot.Self)
	}
	if tok := srv.Token(); len(tok) < 36 || !strings.Contains(tok, ":AA") || len(strings.SplitN(tok, ":", 2)[1]) != 35 {
		t.Fatalf("token shape: %q", tok)
	}
	_, err := tgbotapi.NewBotAPIWithAPIEndpoint("123:wrong", srv.URL()+"/bot%s/%s")
	if te := apiErr(t, err); te.Code != http.StatusUnauthorized || te.Message != "Unauthorized" {
		t.Fatalf("bad token: %+v", te)
	}
	if _, err := bot.MakeRequest("noSuchMethod", nil); apiErr(t, err).Code != http.StatusNotFound {
		t.Fatalf("unknown method: %v", err)
	}
}

func TestSendMessageHTMLAndKeyboard(t *testing.T) {
	srv, bot := newBot(t)
	msg := tgbotapi.NewMessage(group.ID, "<b>Total</b>: 5 &lt; 6 &amp; <a href=\"https://example.com/?a=1&amp;b=2\">link</a>")
	msg.ParseMode = tgbotapi.ModeHTML
	msg.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData("Yes", "confirm:1"),
		tgbotapi.NewInlineKeyboardButtonURL("Docs", "https://example.com"),
	))
	sent, err := bot.Send(msg)
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	if sent.Text != "Total: 5 < 6 & link" || sent.MessageID != 1 || sent.Chat.ID != group.ID {
		t.Fatalf("result: %+v", sent)
	}
	msgs := srv.Messages(group.ID)
	if len(msgs) != 1 {
		t.Fatalf("messages: %+v", msgs)
	}
	m := msgs[0]
	if m.Text != "Total: 5 < 6 & link" || m.RawText != msg.Text || m.ParseMode != "HTML" {
		t.Fatalf("view: %+v", m)
	}
	if len(m.Entities) != 2 || m.Entities[0] != (Entity{Type: "bold", Offset: 0, Length: 5}) ||
		m.Entities[1].Type != "text_link" || m.Entities[1].URL != "https://example.com/?a=1&b=2" {
		t.Fatalf("entities: %+v", m.Entities)
	}
	if len(m.ReplyMarkup) != 1 || m.ReplyMarkup[0][0] != (Button{Text: "Yes", CallbackData: "confirm:1"}) || m.ReplyMarkup[0][1].URL != "https://example.com" {
		t.Fatalf("keyboard: %+v", m.ReplyMarkup)
	}
	calls := srv.CallsTo("sendMessage")
	if len(calls) != 1 || calls[0].ChatID != group.ID || calls[0].Status != 200 || calls[0].MessageID != 1 || calls[0].Params["parse_mode"] != "HTML" {
		t.Fatalf("calls: %+v", calls)
	}
}

func TestMalformedHTMLRejected(t *testing.T) {
	srv, bot := newBot(t)
	bad := []string{
		"<b>unclosed",
		"<foo>x</foo>",
		"a < b",
		"Tom & Jerry",
		"&nbsp;",
		"<b><i>x</b></i>",
		"x</b>",
		"<span>x</span>",
		"<a href=\"x>y",
		"&#xD800;",
	}
	for _, text := range bad {
		msg := tgbotapi.NewMessage(42, text)
		msg.ParseMode = tgbotapi.ModeHTML
		_, err := bot.Send(msg)
		te := apiErr(t, err)
		if te.Code != 400 || !strings.HasPrefix(te.Message, "Bad Request: can't parse entities: ") {
			t.Errorf("%q: got %d %q", text, te.Code, te.Message)
		}
	}
	good := []string{
		"<b>a</b> <strong>b</strong> <i>c</i> <em>d</em> <u>e</u> <ins>f</ins> <s>g</s> <strike>h</strike> <del>i</del>",
		"<code>x &lt; y</code> <pre>z</pre> <tg-spoiler>s</tg-spoiler> <span class=\"tg-spoiler\">t</span>",
		"<blockquote>q</blockquote> &#38; &#x26; &quot; &gt; >",
		"<B>upper</B>",
	}
	for _, text := range good {
		msg := tgbotapi.NewMessage(42, text)
		msg.ParseMode = tgbotapi.ModeHTML
		if _, err := bot.Send(msg); err != nil {
			t.Errorf("%q: %v", text, err)
		}
	}
	if n := len(srv.Messages(42)); n != len(good) {
		t.Fatalf("rejected messages must not be created: have %d", n)
	}
	// Without parse_mode the same characters are plain text.
	if _, err := bot.Send(tgbotapi.NewMessage(42, "Tom & Jerry <3")); err != nil {
		t.Fatal(err)
	}
}

func TestTextAndCaptionLimits(t *testing.T) {
	_, bot := newBot(t)
	send := func(text, mode string) error {
		msg := tgbotapi.NewMessage(7, text)
		msg.ParseMode = mode
		_, err := bot.Send(msg)
		return err
	}
	if err := send(strings.Repeat("я", 4096), ""); err != nil {
		t.Fatalf("4096 Cyrillic letters: %v", err)
	}
	if err := send(strings.Repeat("a", 4097), ""); apiErr(t, err).Message != "Bad Request: message is too long" {
		t.Fatalf("4097: %v", err)
	}
	if err := send(strings.Repeat("😀", 2049), ""); err == nil {
		t.Fatal("emoji count 2 UTF-16 units each: 4098 must be rejected")
	}
	if err := send("<b>"+strings.Repeat("&lt;", 4096)+"</b>", "HTML"); err != nil {
		t.Fatalf("limit applies after entity parsing: %v", err)
	}
	if err := send(" \n ", ""); apiErr(t, err).Message != "Bad Request: message text is empty" {
		t.Fatalf("empty: %v", err)
	}
	doc := tgbotapi.NewDocument(7, tgbotapi.FileBytes{Name: "a.csv", Bytes: []byte("x")})
	doc.Caption = strings.Repeat("c", 1025)
	if _, err := bot.Send(doc); apiErr(t, err).Message != "Bad Request: message caption is too long" {
		t.Fatalf("caption: %v", err)
	}
}

func TestCallbackDataLimit(t *testing.T) {
	srv, bot := newBot(t)
	send := func(data string) error {
		msg := tgbotapi.NewMessage(7, "pick")
		msg.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("x", data)))
		_, err := bot.Send(msg)
		return err
	}
	if err := send(strings.Repeat("d", 64)); err != nil {
		t.Fatalf("64 bytes: %v", err)
	}
	for _, data := range []string{strings.Repeat("d", 65), strings.Repeat("ж", 33), ""} {
		if err := send(data); apiErr(t, err).Message != "Bad Request: BUTTON_DATA_INVALID" {
			t.Errorf("%d bytes: %v", len(data), err)
		}
	}
	_, err := bot.MakeRequest("sendMessage", tgbotapi.Params{"chat_id": "7", "text": "x", "reply_markup": `{"inline_keyboard":[{"text":"x"}]}`})
	if apiErr(t, err).Code != 400 {
		t.Fatalf("malformed keyboard: %v", err)
	}
	if n := len(srv.Messages(7)); n != 1 {
		t.Fatalf("messages: %d", n)
	}
}

func TestPhotoValidation(t *testing.T) {
	srv, bot := newBot(t)
	send := func(data []byte) (tgbotapi.Message, error) {
		p := tgbotapi.NewPhoto(7, tgbotapi.FileBytes{Name: "chart.png", Bytes: data})
		p.Caption = "<b>chart</b>"
		p.ParseMode = tgbotapi.ModeHTML
		return bot.Send(p)
	}
	_, err := send([]byte("definitely not an image"))
	if te := apiErr(t, err); te.Message != "Bad Request: IMAGE_PROCESS_FAILED" {
		t.Fatalf("not an image: %+v", te)
	}
	if _, err := send(pngBytes(t, 10, 300)); apiErr(t, err).Message != "Bad Request: PHOTO_INVALID_DIMENSIONS" {
		t.Fatalf("aspect 30: %v", err)
	}
	sent, err := send(pngBytes(t, 64, 32))
	if err != nil {
		t.Fatalf("png: %v", err)
	}
	if len(sent.Photo) != 1 || sent.Photo[0].Width != 64 || sent.Caption != "chart" {
		t.Fatalf("result: %+v", sent)
	}
	msgs := srv.Messages(7)
	if len(msgs) != 1 || len(msgs[0].Photos) != 1 || msgs[0].Photos[0].Height != 32 || msgs[0].RawCaption != "<b>chart</b>" {
		t.Fatalf("view: %+v", msgs)
	}
	if files := srv.CallsTo("sendPhoto")[2].Files; files["photo"].Name != "chart.png" || len(files["photo"].Data) == 0 {
		t.Fatalf("recorded files: %+v", files)
	}
	// Re-sending by file_id works and needs no upload.
	again, err := bot.Send(tgbotapi.NewPhoto(8, tgbotapi.FileID(sent.Photo[0].FileID)))
	if err != nil || again.Photo[0].FileID != sent.Photo[0].FileID {
		t.Fatalf("by file_id: %v %+v", err, again)
	}
}

func TestMediaGroup(t *testing.T) {
	srv, bot := newBot(t)
	photo := func(i int) any {
		p := tgbotapi.NewInputMediaPhoto(tgbotapi.FileBytes{Name: "p.png", Bytes: pngBytes(t, 20+i, 20)})
		p.Caption = "week " + string(rune('1'+i))
		return p
	}
	msgs, err := bot.SendMediaGroup(tgbotapi.NewMediaGroup(group.ID, []any{photo(0), photo(1), photo(2)}))
	if err != nil {
		t.Fatalf("media group: %v", err)
	}
	if len(msgs) != 3 || msgs[0].MediaGroupID == "" || msgs[0].MediaGroupID != msgs[2].MediaGroupID {
		t.Fatalf("result: %+v", msgs)
	}
	view := srv.Messages(group.ID)
	if len(view) != 3 || view[1].Photos[0].Width != 21 || view[2].Caption != "week 3" {
		t.Fatalf("view: %+v", view)
	}
	if c := srv.CallsTo("sendMediaGroup")[0]; len(c.MessageIDs) != 3 || c.MessageID != 1 {
		t.Fatalf("call: %+v", c)
	}
	_, err = bot.SendMediaGroup(tgbotapi.NewMediaGroup(group.ID, []any{photo(0)}))
	if te := apiErr(t, err); !strings.Contains(te.Message, "2-10") {
		t.Fatalf("one item: %+v", te)
	}
	eleven := make([]any, 11)
	for i := range eleven {
		eleven[i] = photo(i)
	}
	if _, err := bot.SendMediaGroup(tgbotapi.NewMediaGroup(group.ID, eleven)); err == nil {
		t.Fatal("11 items accepted")
	}
}

func TestEditMessages(t *testing.T) {
	srv, bot := newBot(t)
	msg := tgbotapi.NewMessage(7, "v1")
	msg.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("a", "a")))
	sent, err := bot.Send(msg)
	if err != nil {
		t.Fatal(err)
	}
	same := tgbotapi.NewEditMessageTextAndMarkup(7, sent.MessageID, "v1", *sent.ReplyMarkup)
	if _, err := bot.Send(same); !strings.HasPrefix(apiErr(t, err).Message, "Bad Request: message is not modified: ") {
		t.Fatalf("identical edit: %v", err)
	}
	// Without reply_markup Telegram drops the keyboard.
	if _, err := bot.Send(tgbotapi.NewEditMessageText(7, sent.MessageID, "v2")); err != nil {
		t.Fatal(err)
	}
	m, _ := srv.Message(7, sent.MessageID)
	if m.Text != "v2" || m.ReplyMarkup != nil || m.EditCount != 1 {
		t.Fatalf("after edit: %+v", m)
	}
	if _, err := bot.Send(tgbotapi.NewEditMessageReplyMarkup(7, sent.MessageID, msg.ReplyMarkup.(tgbotapi.InlineKeyboardMarkup))); err != nil {
		t.Fatalf("markup edit: %v", err)
	}
	userMsg := srv.SendText(PrivateChat(User{ID: 7, FirstName: "U"}), User{ID: 7, FirstName: "U"}, "hi")
	if _, err := bot.Send(tgbotapi.NewEditMessageText(7, userMsg, "x")); apiErr(t, err).Message != "Bad Request: message can't be edited" {
		t.Fatalf("user message: %v", err)
	}
	if _, err := bot.Send(tgbotapi.NewEditMessageText(7, 999, "x")); apiErr(t, err).Message != "Bad Request: message to edit not found" {
		t.Fatalf("missing: %v", err)
	}
	if _, err := bot.Send(tgbotapi.NewEditMessageCaption(7, sent.MessageID, "c")); err == nil {
		t.Fatal("caption edit of a text message accepted")
	}
}

func TestDocumentUploadGetFileDownload(t *testing.T) {
	srv, bot := newBot(t)
	content := []byte("date,amount\n2024-01-01,5\n")
	srv.SendDocument(group, alice, "import.csv", content, "/import@trackbot_test_bot")
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 1 || ups[0].Message.Document == nil {
		t.Fatalf("updates: %v %+v", err, ups)
	}
	m := ups[0].Message
	if m.Document.FileName != "import.csv" || m.Document.MimeType != "text/csv" || m.Document.FileSize != len(content) {
		t.Fatalf("document: %+v", m.Document)
	}
	if len(m.CaptionEntities) != 1 || m.CaptionEntities[0].Type != "bot_command" || m.CaptionEntities[0].Length != len("/import@trackbot_test_bot") {
		t.Fatalf("caption entities: %+v", m.CaptionEntities)
	}
	f, err := bot.GetFile(tgbotapi.FileConfig{FileID: m.Document.FileID})
	if err != nil || f.FilePath == "" {
		t.Fatalf("getFile: %v %+v", err, f)
	}
	resp, err := http.Get(srv.URL() + "/file/bot" + srv.Token() + "/" + f.FilePath)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := readAllClose(resp.Body)
	if resp.StatusCode != 200 || string(got) != string(content) {
		t.Fatalf("download: %d %q", resp.StatusCode, got)
	}
	if resp, _ := http.Get(srv.URL() + "/file/bot" + srv.Token() + "/documents/nope"); resp.StatusCode != 404 {
		t.Fatalf("missing file: %d", resp.StatusCode)
	}
	// The bot can send documents too; the bytes are visible to the test.
	doc := tgbotapi.NewDocument(group.ID, tgbotapi.FileBytes{Name: "report.xlsx", Bytes: []byte("PK..")})
	doc.Caption = "report"
	if _, err := bot.Send(doc); err != nil {
		t.Fatal(err)
	}
	if d := srv.Messages(group.ID)[0].Document; d == nil || d.FileName != "report.xlsx" || string(d.Data) != "PK.." {
		t.Fatalf("bot document: %+v", d)
	}
}

func TestSetMyCommands(t *testing.T) {
	srv, bot := newBot(t)
	cfg := tgbotapi.NewSetMyCommandsWithScopeAndLanguage(tgbotapi.NewBotCommandScopeAllGroupChats(), "ru",
		tgbotapi.BotCommand{Command: "report", Description: "Отчёт"})
	if _, err := bot.Request(cfg); err != nil {
		t.Fatal(err)
	}
	if _, err := bot.Request(tgbotapi.NewSetMyCommands(tgbotapi.BotCommand{Command: "start", Description: "Start"})); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []tgbotapi.BotCommand{{Command: "Start", Description: "x"}, {Command: "ok", Description: ""}, {Command: strings.Repeat("a", 33), Description: "x"}} {
		if _, err := bot.Request(tgbotapi.NewSetMyCommands(bad)); err == nil {
			t.Errorf("accepted %+v", bad)
		}
	}
	sets := srv.Commands()
	if len(sets) != 2 || sets[0].Scope != "all_group_chats" || sets[0].LanguageCode != "ru" || sets[1].Scope != "default" || sets[1].Commands[0].Command != "start" {
		t.Fatalf("commands: %+v", sets)
	}
}

func TestChatMembers(t *testing.T) {
	srv, bot := newBot(t)
	srv.SetChatMember(group.ID, alice, "creator")
	srv.SetChatMember(group.ID, bob, "administrator")
	m, err := bot.GetChatMember(tgbotapi.GetChatMemberConfig{ChatConfigWithUser: tgbotapi.ChatConfigWithUser{ChatID: group.ID, UserID: alice.ID}})
	if err != nil || !m.IsCreator() || m.User.UserName != "alice" {
		t.Fatalf("creator: %v %+v", err, m)
	}
	m, err = bot.GetChatMember(tgbotapi.GetChatMemberConfig{ChatConfigWithUser: tgbotapi.ChatConfigWithUser{ChatID: group.ID, UserID: 555}})
	if err != nil || m.Status != "member" {
		t.Fatalf("default: %v %+v", err, m)
	}
	admins, err := bot.GetChatAdministrators(tgbotapi.ChatAdministratorsConfig{ChatConfig: tgbotapi.ChatConfig{ChatID: group.ID}})
	if err != nil || len(admins) != 2 || admins[0].User.ID != alice.ID || !admins[1].IsAdministrator() {
		t.Fatalf("admins: %v %+v", err, admins)
	}
}

func TestFormAndQueryParams(t *testing.T) {
	srv := New(t)
	resp, err := http.PostForm(srv.URL()+"/bot"+srv.Token()+"/sendMessage?chat_id=5", url.Values{"text": {"hi"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || len(srv.Messages(5)) != 1 {
		t.Fatalf("status %d, messages %d", resp.StatusCode, len(srv.Messages(5)))
	}
	resp, err = http.Post(srv.URL()+"/bot"+srv.Token()+"/sendMessage", "application/json", strings.NewReader(`{"chat_id":5,"text":"json"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || srv.Messages(5)[1].Text != "json" {
		t.Fatalf("json body: %d", resp.StatusCode)
	}
}

// A bot deletes anyone's message in a private chat, its own anywhere,
// and others' in a group only as an administrator.
func TestDeleteMessageNeedsTheRightInGroups(t *testing.T) {
	srv, bot := newBot(t)
	inGroup := srv.SendText(group, alice, "token eyJ…")
	del := func(chatID int64, id int) error {
		_, err := bot.Request(tgbotapi.NewDeleteMessage(chatID, id))
		return err
	}
	if err := del(group.ID, inGroup); err == nil || !strings.Contains(err.Error(), "can't be deleted") {
		t.Fatalf("a member's message deleted by a bot that is no admin: %v", err)
	}
	srv.SetChatMember(group.ID, srv.BotUser(), "administrator")
	if err := del(group.ID, inGroup); err != nil {
		t.Fatalf("an admin bot deleting: %v", err)
	}
	private := Chat{ID: alice.ID, Type: "private"}
	inPrivate := srv.SendText(private, alice, "token eyJ…")
	if err := del(private.ID, inPrivate); err != nil {
		t.Fatalf("deleting in a private chat: %v", err)
	}
	for _, chat := range []int64{group.ID, private.ID} {
		if msgs := srv.ChatHistory(chat); len(msgs) != 0 {
			t.Errorf("chat %d still shows %+v", chat, msgs)
		}
	}
}
