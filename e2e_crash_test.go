package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"trackbot/bot/telegramtest"
	"trackbot/domain"
	"trackbot/storage"
)

// The crash run kills the real trackbot binary with SIGKILL at random
// moments while people work through a stream of state-changing flows, and
// then compares the stored state with applying every update once:
//
//   - a head shows a hypothesis card (/hyp H-n), presses Start on every
//     copy of the card, presses Done once, and replies with a result to the
//     first copy of the "reply with a short result" prompt;
//   - a head sends numbers (/log) and presses Confirm on every copy of the
//     preview.
//
// Copies exist because a message Telegram took may be sent again after a
// crash; besides the ones kills make, the fake Bot API loses the answer
// to the first card, preview and prompt after they took effect, so each
// flow meets a duplicate for sure. The prompt's first copy is the one the
// bot never learnt the id of: only what the prompt says about itself
// routes the reply.
//
// TestCrash_KillsLoseAndDoubleNothing runs it with 30 kills in CI;
// BenchmarkCrash runs 100 and reports the duplicates per kill:
//
//	go test -run '^$' -bench Crash -benchtime 1x .

// crashFlowsPer10Kills is how many flows of each kind a run gets per 10 kills.
const crashFlowsPer10Kills = 8

// crashRun is one crash run: the fake Telegram, the database and the
// people's side of the stream.
type crashRun struct {
	tb      testing.TB
	tg      *telegramtest.Server
	cfg     Config
	kills   int
	rng     *rand.Rand
	rngSeed uint64

	mu       sync.Mutex
	commands []func() // the stream, released a few per kill
	released int
	hyps     []*crashHyp
	logs     []*crashLog
	injected int // answers the fake lost after the message took effect
	outs     []*syncBuffer
}

// crashHyp is one hypothesis's flow as its head sees it.
type crashHyp struct {
	n, id    int
	cmd      int          // the /hyp H-n message
	started  map[int]bool // card copies Start was pressed on
	done     bool         // Done pressed
	prompts  []int        // copies of the prompt seen
	answered int          // the prompt copy replied to
	reply    int          // the reply with the result
}

// crashLog is one /log flow.
type crashLog struct {
	week    domain.Week
	leads   int
	cmd     int
	pressed map[int]bool // preview copies Confirm was pressed on
}

func newCrashRun(tb testing.TB, kills int) *crashRun {
	tb.Helper()
	seed := uint64(time.Now().UnixNano())
	r := &crashRun{tb: tb, tg: telegramtest.New(tb), kills: kills, rngSeed: seed, rng: rand.New(rand.NewPCG(seed, 1))}
	r.cfg = Config{Token: r.tg.Token(), APIURL: r.tg.URL(), StoragePath: filepath.Join(memDirTB(tb), "trackbot.db"), Limits: fastLimits}
	r.tg.SetChatMember(leaders.ID, ceo, "creator")
	flows := max(2, kills*crashFlowsPer10Kills/10)
	r.store(flows)
	this := domain.WeekOf(time.Now().In(moscow(tb)))
	for i := range flows {
		h := &crashHyp{n: i + 1, id: i + 1, started: map[int]bool{}}
		l := &crashLog{week: this.Add(-1 - i), leads: 100 + i, pressed: map[int]bool{}}
		r.hyps, r.logs = append(r.hyps, h), append(r.logs, l)
		r.commands = append(r.commands,
			func() { h.cmd = r.tg.SendText(leaders, marketer, fmt.Sprintf("/hyp H-%d", h.n)) },
			func() { l.cmd = r.tg.SendText(leaders, marketer, fmt.Sprintf("/log %s leads=%d", l.week, l.leads)) })
	}
	r.tg.SetHook(r.loseFirstAnswers())
	return r
}

func moscow(tb testing.TB) *time.Location {
	loc, err := time.LoadLocation("Europe/Moscow")
	if err != nil {
		tb.Fatal(err)
	}
	return loc
}

// memDirTB is memDir for a benchmark too.
func memDirTB(tb testing.TB) string {
	dir, err := os.MkdirTemp("/dev/shm", "trackbot-crash-")
	if err != nil {
		return tb.TempDir()
	}
	tb.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// store stores the workspace with Mark heading marketing and the
// hypotheses H-1…H-n of marketing, as earlier sessions left them.
func (r *crashRun) store(n int) {
	r.tb.Helper()
	db, err := storage.Open(r.cfg.StoragePath, storage.Options{Timeout: time.Second})
	if err != nil {
		r.tb.Fatal(err)
	}
	defer db.Close()
	now := time.Now()
	anna := domain.Person{UserID: ceo.ID, Name: ceo.FirstName, Username: ceo.Username}
	err = db.Update(func(tx domain.Tx) error {
		ws := domain.NewWorkspace(leaders.ID, leaders.Title, domain.English, "Europe/Moscow", anna, now.Add(-60*24*time.Hour))
		mark := domain.Person{UserID: marketer.ID, Name: marketer.FirstName, Username: marketer.Username}
		if err := ws.Grant(mark, domain.RoleHead, domain.DeptMarketing, now); err != nil {
			return err
		}
		if err := tx.Workspaces().Create(ws); err != nil {
			return err
		}
		for i := range n {
			h, err := domain.DraftHypothesis(tx, ws, anna, fmt.Sprintf("Idea %d", i+1), now)
			if err != nil {
				return err
			}
			deadline, _ := domain.DeadlineTwoWeeks.Deadline(ws.Today(now))
			metric := domain.HypothesisMetrics(ws, h.Segment)[0]
			effect, _, err := domain.ParseEffect("+10%", metric)
			if err != nil {
				return err
			}
			if err := firstErr(h.ChooseDepartment(ws, domain.DeptMarketing),
				h.ChooseMetric(ws, metric), h.ChooseDeadline(deadline), h.ChooseEffect(effect, "")); err != nil {
				return err
			}
			if err := domain.PublishHypothesis(tx, ws, h, anna, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		r.tb.Fatal(err)
	}
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// loseFirstAnswers makes the fake lose the answer to the first card, the
// first preview and the first prompt after they took effect: the bot
// sends each again, so a copy exists that the bot never learnt of.
func (r *crashRun) loseFirstAnswers() func(telegramtest.Call) *telegramtest.Failure {
	var mu sync.Mutex
	lost := map[string]bool{}
	return func(c telegramtest.Call) *telegramtest.Failure {
		if c.Method != "sendMessage" {
			return nil
		}
		text := c.Params["text"]
		for _, kind := range []string{"</b> · new", "This is what I understood", "start=hr-"} {
			mu.Lock()
			first := strings.Contains(text, kind) && !lost[kind]
			if first {
				lost[kind] = true
				r.mu.Lock()
				r.injected++
				r.mu.Unlock()
			}
			mu.Unlock()
			if first {
				return &telegramtest.Failure{Drop: true, AfterEffect: true}
			}
		}
		return nil
	}
}

// start runs trackbot as a real process on the run's database.
func (r *crashRun) start() *process {
	r.tb.Helper()
	conf := filepath.Join(filepath.Dir(r.cfg.StoragePath), "empty.yaml")
	if err := os.WriteFile(conf, nil, 0o600); err != nil {
		r.tb.Fatal(err)
	}
	cmd := exec.Command(trackbotBinary(r.tb), "serve", "--config", conf)
	cmd.Env = append(os.Environ(),
		"TRACKBOT_TELEGRAM_TOKEN="+r.cfg.Token,
		"TRACKBOT_TELEGRAM_API_URL="+r.cfg.APIURL,
		"TRACKBOT_STORAGE_PATH="+r.cfg.StoragePath,
		"TRACKBOT_LOG_LEVEL=info",
		"TRACKBOT_TELEGRAM_SHUTDOWN_GRACE=2s",
		"TRACKBOT_TELEGRAM_LIMITS_CHAT_INTERVAL="+r.cfg.Limits.ChatInterval.String(),
		fmt.Sprintf("TRACKBOT_TELEGRAM_LIMITS_GROUP_PER_MINUTE=%d", r.cfg.Limits.GroupPerMinute),
		fmt.Sprintf("TRACKBOT_TELEGRAM_LIMITS_GLOBAL_PER_SECOND=%d", r.cfg.Limits.GlobalPerSecond),
	)
	p := &process{cmd: cmd, out: &syncBuffer{}, done: make(chan error, 1)}
	cmd.Stdout, cmd.Stderr = p.out, p.out
	if err := cmd.Start(); err != nil {
		r.tb.Fatal(err)
	}
	r.outs = append(r.outs, p.out)
	go func() { p.done <- cmd.Wait() }()
	r.tb.Cleanup(func() {
		_ = cmd.Process.Kill()
		err := <-p.done
		p.done <- err
	})
	return p
}

// kill ends the process with SIGKILL, as a crash or an OOM killer would.
func (p *process) kill() {
	_ = p.cmd.Process.Kill()
	err := <-p.done
	p.done <- err
}

// crashReport is what a crash run measured.
type crashReport struct {
	kills      int
	duplicates int      // messages in the chat twice, besides the injected ones
	copies     []string // the first words of every message sent twice
	injected   int
	elapsed    time.Duration
	// doneBeforeLast of the flows finished while the bot was being killed.
	doneBeforeLast, flows int
}

// run kills the bot r.kills times at random moments while releasing the
// stream, then lets a last process finish it, stops it with SIGTERM and
// checks the stored state.
func (r *crashRun) run() crashReport {
	r.tb.Helper()
	began := time.Now()
	stop := make(chan struct{})
	driven := make(chan struct{})
	go func() {
		r.drive(stop)
		close(driven)
	}()
	defer func() {
		close(stop)
		<-driven
	}()
	perKill := (len(r.commands) + r.kills - 1) / r.kills
	for range r.kills {
		p := r.start()
		r.release(perKill)
		// Random moments: while starting, polling, handling or sending.
		time.Sleep(time.Duration(20+r.rng.IntN(230)) * time.Millisecond)
		p.kill()
	}
	r.release(len(r.commands))
	rep := crashReport{kills: r.kills}
	rep.doneBeforeLast, rep.flows = r.progress()
	final := r.start()
	if !r.settle(60 * time.Second) {
		r.tb.Errorf("the flows did not finish after the last restart (seed %d); its log:\n%s", r.rngSeed, final.out.String())
	}
	time.Sleep(100 * time.Millisecond) // the last edits
	// When every flow finished during the kills, settle returns at once:
	// wait until the last process is up (its signal handler installed,
	// Telegram reached) so SIGTERM is a clean stop, not a kill.
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(final.out.String(), "connected to telegram"); {
		if time.Now().After(deadline) {
			r.tb.Fatalf("the last process did not reach Telegram within 30 s:\n%s", final.out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	_ = final.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-final.done:
		final.done <- err
		if err != nil {
			r.tb.Errorf("the last process stopped with %v:\n%s", err, final.out.String())
		}
	case <-time.After(10 * time.Second):
		r.tb.Fatal("the last process did not stop within 10 s of SIGTERM")
	}
	r.check()
	rep.injected, rep.elapsed = r.injected, time.Since(began)
	rep.copies = r.duplicates()
	rep.duplicates = len(rep.copies) - r.injected
	return rep
}

// duplicates lists the messages Telegram took more than once (the same
// text sent to the same chat as the same reply), by their first words.
func (r *crashRun) duplicates() []string {
	made := map[string]int{}
	var dups []string
	for _, c := range r.tg.CallsTo("sendMessage") {
		if len(c.MessageIDs) == 0 {
			continue
		}
		key := c.Params["chat_id"] + "|" + c.Params["reply_to_message_id"] + "|" + c.Params["text"]
		if made[key]++; made[key] > 1 {
			words := strings.Fields(htmlText(c.Params["text"]))
			dups = append(dups, strings.Join(words[:min(3, len(words))], " "))
		}
	}
	return dups
}

// htmlText drops the tags of the bot's HTML.
func htmlText(s string) string {
	var b strings.Builder
	tag := false
	for _, r := range s {
		switch {
		case r == '<':
			tag = true
		case r == '>':
			tag = false
		case !tag:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// check compares the stored state with applying every update once.
func (r *crashRun) check() {
	r.tb.Helper()
	db, err := storage.Open(r.cfg.StoragePath, storage.Options{Timeout: 5 * time.Second})
	if err != nil {
		r.tb.Fatal(err)
	}
	defer db.Close()
	err = db.View(func(tx domain.Tx) error {
		ws, err := tx.Workspaces().ByChat(leaders.ID)
		if err != nil {
			return err
		}
		for _, h := range r.hyps {
			if err := r.checkHyp(tx, ws, h); err != nil {
				return err
			}
		}
		revs, err := tx.Revisions().List(ws.ID)
		if err != nil {
			return err
		}
		if len(revs) != len(r.logs) {
			r.tb.Errorf("saved revisions = %d, want one per /log (%d): a confirm was lost or applied twice", len(revs), len(r.logs))
		}
		recs, err := tx.Records().Range(ws.ID, "", r.logs[len(r.logs)-1].week, r.logs[0].week)
		if err != nil {
			return err
		}
		leads := map[domain.Week]int64{}
		for _, rec := range recs {
			leads[rec.Week] += rec.Counts["leads"]
		}
		for _, l := range r.logs {
			if leads[l.week] != int64(l.leads) {
				r.tb.Errorf("%s leads = %d, want %d", l.week, leads[l.week], l.leads)
			}
		}
		return nil
	})
	if err != nil {
		r.tb.Fatal(err)
	}
	copies := 0
	for _, l := range r.logs {
		copies += len(l.pressed) - 1
	}
	for _, h := range r.hyps {
		copies += len(h.started) - 1
	}
	if copies == 0 {
		r.tb.Error("no button was pressed on a duplicate copy: the run proves nothing about them")
	}
	// The bot stores the message id of a job's last send only: a reply to
	// the first of several copies answers a prompt it never learnt of.
	unlearnt := 0
	for _, h := range r.hyps {
		if len(h.prompts) > 1 && h.answered == h.prompts[0] {
			unlearnt++
		}
	}
	if unlearnt == 0 {
		r.tb.Error("no result replied to a prompt copy the bot never learnt of: the run proves nothing about them")
	}
}

// checkHyp checks a hypothesis was started once and done once, with the
// result replied to the prompt's first copy.
func (r *crashRun) checkHyp(tx domain.Tx, ws *domain.Workspace, h *crashHyp) error {
	got, err := tx.Hypotheses().Get(ws.ID, int64(h.id))
	if err != nil {
		return err
	}
	moves := map[domain.HypothesisStatus]int{}
	for _, e := range got.History {
		moves[e.To]++
	}
	if got.Status != domain.StatusDone || got.Result != fmt.Sprintf("result %d", h.n) ||
		moves[domain.StatusInProgress] != 1 || moves[domain.StatusDone] != 1 {
		r.tb.Errorf("H-%d: status %s, result %q, started %d times, done %d times; want done once with \"result %d\" (prompt copies %v, replied to %d)",
			h.n, got.Status, got.Result, moves[domain.StatusInProgress], moves[domain.StatusDone], h.n, h.prompts, h.answered)
	}
	return nil
}

func TestCrash_KillsLoseAndDoubleNothing(t *testing.T) {
	t.Parallel()
	r := newCrashRun(t, 30)
	rep := r.run()
	t.Logf("%d kills in %v (seed %d): %d of %d flows finished during the kills; %d duplicate messages from kills (%.2f per kill), %d injected",
		rep.kills, rep.elapsed.Round(time.Millisecond), r.rngSeed, rep.doneBeforeLast, rep.flows,
		rep.duplicates, float64(rep.duplicates)/float64(rep.kills), rep.injected)
}

func BenchmarkCrash(b *testing.B) {
	for range b.N {
		r := newCrashRun(b, 100)
		rep := r.run()
		b.ReportMetric(float64(rep.duplicates)/float64(rep.kills), "dups/kill")
		b.ReportMetric(float64(rep.kills), "kills")
		b.Logf("seed %d: %d duplicates in %d kills, %v; sent twice (%d of them injected): %q",
			r.rngSeed, rep.duplicates, rep.kills, rep.elapsed.Round(time.Millisecond), rep.injected, rep.copies)
	}
}
