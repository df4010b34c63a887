package storage

import (
	"time"

	"trackbot/domain"
)

// workspaceRowVersion is the version of workspaceRow this build writes.
// Version 2 added plans: a build that knows only version 1 would drop them;
// version 3 the answer window of review questions.
const workspaceRowVersion = 3

// workspaceRow is a workspace as stored.
type workspaceRow struct {
	V           int             `json:"v"`
	ID          int64           `json:"id"`
	ChatID      int64           `json:"chat"`
	Title       string          `json:"title,omitempty"`
	Lang        string          `json:"lang,omitempty"`
	TimeZone    string          `json:"tz,omitempty"`
	Currency    string          `json:"currency,omitempty"`
	Departments []departmentRow `json:"departments,omitempty"`
	Stages      []stageRow      `json:"stages,omitempty"`
	Segments    []segmentRow    `json:"segments,omitempty"`
	NonTarget   []reasonRow     `json:"non_target,omitempty"`
	DropOff     []reasonRow     `json:"drop_off,omitempty"`
	Members     []memberRow     `json:"members,omitempty"`
	Joins       []joinRow       `json:"joins,omitempty"`
	Schedules   []scheduleRow   `json:"schedules,omitempty"`
	Topics      map[string]int  `json:"topics,omitempty"`
	Plans       []planRow       `json:"plans,omitempty"`
	AnswerHours int             `json:"answer_hours,omitempty"`
	Parked      bool            `json:"parked,omitempty"`
	CreatedAt   int64           `json:"created,omitempty"`
}

type nameRow struct {
	En string `json:"en,omitempty"`
	Ru string `json:"ru,omitempty"`
}

type departmentRow struct {
	Key      string   `json:"key"`
	Name     nameRow  `json:"name"`
	Aliases  []string `json:"aliases,omitempty"`
	Archived bool     `json:"archived,omitempty"`
}

type stageRow struct {
	Key        string   `json:"key"`
	Name       nameRow  `json:"name"`
	Aliases    []string `json:"aliases,omitempty"`
	Department string   `json:"dept,omitempty"`
	Role       string   `json:"role,omitempty"`
	Archived   bool     `json:"archived,omitempty"`
	Reasons    string   `json:"dropoff_reasons,omitempty"` // "on", "off" or the default
}

type segmentRow struct {
	Key        string   `json:"key"`
	Name       nameRow  `json:"name"`
	Aliases    []string `json:"aliases,omitempty"`
	Focus      bool     `json:"focus,omitempty"`
	SkipStages []string `json:"skip,omitempty"`
	Archived   bool     `json:"archived,omitempty"`
}

type reasonRow struct {
	Key      string   `json:"key"`
	Name     nameRow  `json:"name"`
	Aliases  []string `json:"aliases,omitempty"`
	Archived bool     `json:"archived,omitempty"`
}

type memberRow struct {
	UserID    int64    `json:"user"`
	Name      string   `json:"name,omitempty"`
	Username  string   `json:"username,omitempty"`
	CEO       bool     `json:"ceo,omitempty"`
	HeadOf    []string `json:"head_of,omitempty"`
	UpdatedAt int64    `json:"updated,omitempty"`
	ChosenAt  int64    `json:"chosen,omitempty"`
}

// scheduleRow is a scheduled post's settings; days are time.Weekday
// numbers, Sunday being 0.
type scheduleRow struct {
	Kind   string `json:"kind"`
	Days   []int  `json:"days,omitempty"`
	Hour   int    `json:"hour,omitempty"`
	Minute int    `json:"minute,omitempty"`
	Off    bool   `json:"off,omitempty"`
	Since  int64  `json:"since,omitempty"`
	Done   int64  `json:"done,omitempty"`
}

type personRow struct {
	UserID   int64  `json:"user"`
	Name     string `json:"name,omitempty"`
	Username string `json:"username,omitempty"`
}

type joinRow struct {
	ID         int64     `json:"id"`
	Person     personRow `json:"person"`
	Department string    `json:"dept"`
	At         int64     `json:"at,omitempty"`
}

// convertMap maps a map's keys, keeping nil (and empty) as nil.
func convertMap[From, To comparable, V any](in map[From]V, convert func(From) To) map[To]V {
	if len(in) == 0 {
		return nil
	}
	out := make(map[To]V, len(in))
	for k, v := range in {
		out[convert(k)] = v
	}
	return out
}

// convertAll maps a slice, keeping nil as nil.
func convertAll[From, To any](in []From, convert func(From) To) []To {
	if in == nil {
		return nil
	}
	out := make([]To, len(in))
	for i, v := range in {
		out[i] = convert(v)
	}
	return out
}

func toWorkspaceRow(w *domain.Workspace) workspaceRow {
	return workspaceRow{
		V:           workspaceRowVersion,
		ID:          w.ID,
		ChatID:      w.ChatID,
		Title:       w.Title,
		Lang:        string(w.Lang),
		TimeZone:    w.TimeZone,
		Currency:    w.Currency,
		Departments: convertAll(w.Departments, toDepartmentRow),
		Stages:      convertAll(w.Stages, toStageRow),
		Segments:    convertAll(w.Segments, toSegmentRow),
		NonTarget:   convertAll(w.NonTarget, toReasonRow),
		DropOff:     convertAll(w.DropOff, toReasonRow),
		Members:     convertAll(w.Members, toMemberRow),
		Joins:       convertAll(w.Joins, toJoinRow),
		Schedules:   convertAll(w.Schedules, toScheduleRow),
		Topics:      convertMap(w.Topics, func(k domain.PostKind) string { return string(k) }),
		Plans:       convertAll(w.Plans, toPlanRow),
		AnswerHours: w.AnswerHours,
		Parked:      w.Parked,
		CreatedAt:   unixNano(w.CreatedAt),
	}
}

func (r workspaceRow) workspace() *domain.Workspace {
	return &domain.Workspace{
		ID:          r.ID,
		ChatID:      r.ChatID,
		Title:       r.Title,
		Lang:        domain.Lang(r.Lang),
		TimeZone:    r.TimeZone,
		Currency:    r.Currency,
		Departments: convertAll(r.Departments, departmentRow.department),
		Stages:      convertAll(r.Stages, stageRow.stage),
		Segments:    convertAll(r.Segments, segmentRow.segment),
		NonTarget:   convertAll(r.NonTarget, reasonRow.reason),
		DropOff:     convertAll(r.DropOff, reasonRow.reason),
		Members:     convertAll(r.Members, memberRow.member),
		Joins:       convertAll(r.Joins, joinRow.join),
		Schedules:   convertAll(r.Schedules, scheduleRow.schedule),
		Topics:      convertMap(r.Topics, func(k string) domain.PostKind { return domain.PostKind(k) }),
		Plans:       convertAll(r.Plans, planRow.plan),
		AnswerHours: r.AnswerHours,
		Parked:      r.Parked,
		CreatedAt:   fromUnixNano(r.CreatedAt),
	}
}

func toNameRow(n domain.Name) nameRow { return nameRow{En: n.En, Ru: n.Ru} }
func (r nameRow) name() domain.Name   { return domain.Name{En: r.En, Ru: r.Ru} }

func toDepartmentRow(d domain.Department) departmentRow {
	return departmentRow{Key: d.Key, Name: toNameRow(d.Name), Aliases: d.Aliases, Archived: d.Archived}
}

func (r departmentRow) department() domain.Department {
	return domain.Department{Key: r.Key, Name: r.Name.name(), Aliases: r.Aliases, Archived: r.Archived}
}

func toStageRow(s domain.Stage) stageRow {
	return stageRow{
		Key: s.Key, Name: toNameRow(s.Name), Aliases: s.Aliases,
		Department: s.Department, Role: string(s.Role), Archived: s.Archived,
		Reasons: string(s.DropOffReasons),
	}
}

func (r stageRow) stage() domain.Stage {
	return domain.Stage{
		Key: r.Key, Name: r.Name.name(), Aliases: r.Aliases,
		Department: r.Department, Role: domain.StageRole(r.Role), Archived: r.Archived,
		DropOffReasons: domain.Switch(r.Reasons),
	}
}

func toSegmentRow(s domain.Segment) segmentRow {
	return segmentRow{
		Key: s.Key, Name: toNameRow(s.Name), Aliases: s.Aliases,
		Focus: s.Focus, SkipStages: s.SkipStages, Archived: s.Archived,
	}
}

func (r segmentRow) segment() domain.Segment {
	return domain.Segment{
		Key: r.Key, Name: r.Name.name(), Aliases: r.Aliases,
		Focus: r.Focus, SkipStages: r.SkipStages, Archived: r.Archived,
	}
}

func toReasonRow(s domain.Reason) reasonRow {
	return reasonRow{Key: s.Key, Name: toNameRow(s.Name), Aliases: s.Aliases, Archived: s.Archived}
}

func (r reasonRow) reason() domain.Reason {
	return domain.Reason{Key: r.Key, Name: r.Name.name(), Aliases: r.Aliases, Archived: r.Archived}
}

func toMemberRow(m domain.Member) memberRow {
	return memberRow{
		UserID: m.UserID, Name: m.Name, Username: m.Username,
		CEO: m.CEO, HeadOf: m.HeadOf, UpdatedAt: unixNano(m.UpdatedAt),
		ChosenAt: unixNano(m.ChosenAt),
	}
}

func (r memberRow) member() domain.Member {
	return domain.Member{
		UserID: r.UserID, Name: r.Name, Username: r.Username,
		CEO: r.CEO, HeadOf: r.HeadOf, UpdatedAt: fromUnixNano(r.UpdatedAt),
		ChosenAt: fromUnixNano(r.ChosenAt),
	}
}

func toJoinRow(j domain.JoinRequest) joinRow {
	return joinRow{
		ID:         j.ID,
		Person:     personRow{UserID: j.Person.UserID, Name: j.Person.Name, Username: j.Person.Username},
		Department: j.Department,
		At:         unixNano(j.At),
	}
}

func (r joinRow) join() domain.JoinRequest {
	return domain.JoinRequest{
		ID:         r.ID,
		Person:     domain.Person{UserID: r.Person.UserID, Name: r.Person.Name, Username: r.Person.Username},
		Department: r.Department,
		At:         fromUnixNano(r.At),
	}
}

func toScheduleRow(s domain.Schedule) scheduleRow {
	return scheduleRow{
		Kind: string(s.Kind), Days: convertAll(s.Days, func(d time.Weekday) int { return int(d) }),
		Hour: s.Hour, Minute: s.Minute, Off: s.Off, Since: unixNano(s.Since), Done: unixNano(s.Done),
	}
}

func (r scheduleRow) schedule() domain.Schedule {
	return domain.Schedule{
		Kind: domain.ScheduleKind(r.Kind), Days: convertAll(r.Days, func(d int) time.Weekday { return time.Weekday(d) }),
		Hour: r.Hour, Minute: r.Minute, Off: r.Off, Since: fromUnixNano(r.Since), Done: fromUnixNano(r.Done),
	}
}

func encodeWorkspace(w *domain.Workspace) ([]byte, error) {
	return marshalRow("workspace", toWorkspaceRow(w))
}

func decodeWorkspace(data []byte) (*domain.Workspace, error) {
	var row workspaceRow
	if err := unmarshalRow("workspace", data, &row, &row.V, workspaceRowVersion); err != nil {
		return nil, err
	}
	return row.workspace(), nil
}

// errWorkspaceNotFound is what Get and ByChat return for a missing workspace.
func errWorkspaceNotFound() error {
	return domain.Errorf(domain.ENOTFOUND, "workspace.not_found")
}

// workspaceStore implements domain.WorkspaceStore; workspace_chats indexes
// the chat each workspace is bound to.
type workspaceStore struct{ t *tx }

// Get returns the workspace with id or an ENOTFOUND error.
func (s workspaceStore) Get(id int64) (*domain.Workspace, error) {
	data := s.t.bucket(bucketWorkspaces).Get(idKey(id))
	if data == nil {
		return nil, errWorkspaceNotFound()
	}
	return decodeWorkspace(data)
}

// ByChat returns the workspace bound to chatID or an ENOTFOUND error.
func (s workspaceStore) ByChat(chatID int64) (*domain.Workspace, error) {
	id, ok, err := s.chatOwner(chatID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errWorkspaceNotFound()
	}
	return s.Get(id)
}

// chatOwner looks the chat up in the index.
func (s workspaceStore) chatOwner(chatID int64) (int64, bool, error) {
	raw := s.t.bucket(bucketWorkspaceChats).Get(idKey(chatID))
	if raw == nil {
		return 0, false, nil
	}
	id, err := keyID(raw)
	return id, err == nil, err
}

// bindChat points the chat at workspace id unless another workspace has it.
func (s workspaceStore) bindChat(chatID, id int64) error {
	owner, taken, err := s.chatOwner(chatID)
	if err != nil {
		return err
	}
	if taken && owner != id {
		return domain.Errorf(domain.ECONFLICT, "workspace.chat_taken")
	}
	return s.t.bucket(bucketWorkspaceChats).Put(idKey(chatID), idKey(id))
}

// Create gives w the next id, stamps CreatedAt when unset and stores it;
// the chat must have no workspace yet.
func (s workspaceStore) Create(w *domain.Workspace) error {
	seq, err := s.t.bucket(bucketWorkspaces).NextSequence()
	if err != nil {
		return err
	}
	id := int64(seq)
	if err := s.bindChat(w.ChatID, id); err != nil {
		return err
	}
	w.ID = id
	if w.CreatedAt.IsZero() {
		w.CreatedAt = s.t.now()
	}
	return s.save(w)
}

// Put replaces a stored workspace; a changed ChatID moves the chat index.
func (s workspaceStore) Put(w *domain.Workspace) error {
	old, err := s.Get(w.ID)
	if err != nil {
		return err
	}
	if old.ChatID != w.ChatID {
		if err := s.rebindChat(old.ChatID, w.ChatID, w.ID); err != nil {
			return err
		}
	}
	return s.save(w)
}

// MoveChat rebinds the workspace of chat from to chat to, as when Telegram
// upgrades a group to a supergroup with a new id.
func (s workspaceStore) MoveChat(from, to int64) error {
	w, err := s.ByChat(from)
	if err != nil {
		return err
	}
	if from == to {
		return nil
	}
	if err := s.rebindChat(from, to, w.ID); err != nil {
		return err
	}
	w.ChatID = to
	return s.save(w)
}

// rebindChat moves workspace id's index entry from one chat to another.
func (s workspaceStore) rebindChat(from, to, id int64) error {
	if err := s.bindChat(to, id); err != nil {
		return err
	}
	return s.t.bucket(bucketWorkspaceChats).Delete(idKey(from))
}

// List returns all workspaces ordered by id.
func (s workspaceStore) List() ([]*domain.Workspace, error) {
	var list []*domain.Workspace
	err := s.t.bucket(bucketWorkspaces).ForEach(func(_, data []byte) error {
		w, err := decodeWorkspace(data)
		if err != nil {
			return err
		}
		list = append(list, w)
		return nil
	})
	return list, err
}

func (s workspaceStore) save(w *domain.Workspace) error {
	data, err := encodeWorkspace(w)
	if err != nil {
		return err
	}
	return s.t.bucket(bucketWorkspaces).Put(idKey(w.ID), data)
}
