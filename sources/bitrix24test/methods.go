package bitrix24test

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

func (s *Server) call(w http.ResponseWriter, method string, params map[string]any) int {
	switch method {
	case "crm.category.list":
		if num(params["entityTypeId"]) != 2 {
			fail(w, http.StatusBadRequest, "NOT_FOUND", "Smart process not found")
			return http.StatusBadRequest
		}
		var recs []map[string]any
		for _, c := range s.ds.Categories {
			def := "N"
			if c.ID == 0 {
				def = "Y"
			}
			recs = append(recs, map[string]any{"id": c.ID, "name": c.Name, "sort": c.Sort, "entityTypeId": 2, "isDefault": def})
		}
		items, total, next := s.list(params, recs, "sort", nil)
		reply(w, map[string]any{"categories": items}, total, next)
	case "crm.status.list":
		var recs []map[string]any
		for i, st := range s.ds.Stages {
			recs = append(recs, stageRecord(i, st))
		}
		// The reference lists are short: the method returns them whole.
		kept := filtered(recs, mapParam(params, "filter"), s.ds.Zone)
		order(kept, mapParam(params, "order"))
		reply(w, anys(kept), len(kept), 0)
	case "crm.stagehistory.list":
		if num(params["entityTypeId"]) != 2 {
			fail(w, http.StatusBadRequest, "INVALID_ARG_VALUE", "The fake keeps deals' history only")
			return http.StatusBadRequest
		}
		items, total, next := s.list(params, s.historyRecords(), "ID", nil)
		reply(w, map[string]any{"items": items}, total, next)
	case "crm.deal.list":
		// crm.deal.list writes every value as a string.
		items, total, next := s.list(params, s.dealRecords(), "ID", func(v any) any { return fmt.Sprint(v) })
		reply(w, items, total, next)
	case "user.get":
		var recs []map[string]any
		for _, u := range s.ds.Users {
			recs = append(recs, map[string]any{"ID": itoa(u.ID), "ACTIVE": true, "NAME": u.Name, "LAST_NAME": u.LastName,
				"EMAIL": strings.ToLower(u.Name) + "@example.com"})
		}
		items, total, next := s.list(params, recs, "", nil)
		reply(w, items, total, next)
	default:
		fail(w, http.StatusNotFound, "ERROR_METHOD_NOT_FOUND", "Method not found!")
		return http.StatusNotFound
	}
	return http.StatusOK
}

// historyRecords are the deals' stage history as crm.stagehistory.list
// lists it, made once: the dataset does not change while it is served,
// and the lists are only read.
func (s *Server) historyRecords() []map[string]any {
	s.recsOnce.Do(s.makeRecords)
	return s.history
}

// dealRecords are the deals as crm.deal.list lists them, made once.
func (s *Server) dealRecords() []map[string]any {
	s.recsOnce.Do(s.makeRecords)
	return s.deals
}

func (s *Server) makeRecords() {
	s.history = make([]map[string]any, len(s.ds.History))
	for i, h := range s.ds.History {
		s.history[i] = map[string]any{"ID": h.ID, "TYPE_ID": h.TypeID, "OWNER_ID": h.OwnerID, "CREATED_TIME": h.CreatedTime,
			"CATEGORY_ID": h.CategoryID, "STAGE_SEMANTIC_ID": h.Semantic, "STAGE_ID": h.StageID}
	}
	s.deals = make([]map[string]any, len(s.ds.Deals))
	for i, d := range s.ds.Deals {
		s.deals[i] = map[string]any{"ID": d.ID, "TITLE": "Deal #" + itoa(d.ID), "CATEGORY_ID": d.CategoryID, "STAGE_ID": d.StageID,
			"ASSIGNED_BY_ID": d.AssignedByID, "DATE_CREATE": d.DateCreate, "DATE_MODIFY": d.DateModify, "OPPORTUNITY": "0.00"}
	}
}

func stageRecord(i int, st Stage) map[string]any {
	var sem any
	extra := "process"
	switch st.Semantics {
	case "S":
		sem, extra = "S", "success"
	case "F":
		sem, extra = "F", "failure"
		if strings.HasSuffix(st.StatusID, "APOLOGY") {
			extra = "apology"
		}
	}
	return map[string]any{"ID": itoa(i + 1), "ENTITY_ID": st.EntityID(), "STATUS_ID": st.StatusID, "NAME": st.Name,
		"NAME_INIT": st.Name, "SORT": itoa(st.Sort), "SYSTEM": "Y", "CATEGORY_ID": itoa(st.CategoryID), "COLOR": "#39A8EF",
		"SEMANTICS": sem, "EXTRA": map[string]any{"SEMANTICS": extra, "COLOR": "#39A8EF"}}
}

// list filters, orders and pages records the way list methods do, then
// writes them: times in the portal's zone, other values through conv.
func (s *Server) list(params map[string]any, recs []map[string]any, defaultOrder string, conv func(any) any) ([]any, int, int) {
	kept := filtered(recs, mapParam(params, "filter"), s.ds.Zone)
	ord := mapParam(params, "order")
	if len(ord) == 0 && defaultOrder != "" {
		ord = map[string]any{defaultOrder: "ASC"}
	}
	order(kept, ord)
	from, to, next := page(params, len(kept))
	var sel []string
	if v, ok := params["select"].([]any); ok {
		for _, f := range v {
			sel = append(sel, fmt.Sprint(f))
		}
	}
	items := make([]any, 0, to-from)
	for _, rec := range kept[from:to] {
		out := map[string]any{}
		for k, v := range rec {
			if len(sel) > 0 && !slices.Contains(sel, "*") && !slices.Contains(sel, k) && k != "ID" {
				continue
			}
			if t, ok := v.(time.Time); ok {
				v = t.In(s.ds.Zone).Format(time.RFC3339)
			} else if conv != nil {
				v = conv(v)
			}
			out[k] = v
		}
		items = append(items, out)
	}
	return items, len(kept), next
}

func mapParam(params map[string]any, name string) map[string]any {
	if m, ok := params[name].(map[string]any); ok {
		return m
	}
	m, _ := params[strings.ToUpper(name)].(map[string]any)
	return m
}

func anys(recs []map[string]any) []any {
	out := make([]any, len(recs))
	for i, r := range recs {
		out[i] = r
	}
	return out
}

// order sorts records by the first field of ord, ASC or DESC.
func order(recs []map[string]any, ord map[string]any) {
	for field, dir := range ord {
		desc := strings.EqualFold(fmt.Sprint(dir), "DESC")
		slices.SortStableFunc(recs, func(a, b map[string]any) int {
			c := compare(a[field], b[field], time.UTC)
			if desc {
				return -c
			}
			return c
		})
		return
	}
}

// operators that may prefix a filter's field name, longest first.
var operators = []string{">=", "<=", "!=", "!@", ">", "<", "=", "@", "!"}

func filtered(recs []map[string]any, filter map[string]any, zone *time.Location) []map[string]any {
	conds := make([]condition, 0, len(filter))
	for key, v := range filter {
		c := condition{field: key}
		for _, o := range operators {
			if strings.HasPrefix(key, o) {
				c.op, c.field = o, key[len(o):]
				break
			}
		}
		if arr, isArr := v.([]any); isArr {
			c.anyOf = true
			for _, w := range arr {
				c.values = append(c.values, wantOf(w, zone))
			}
		} else {
			c.values = []wanted{wantOf(v, zone)}
		}
		conds = append(conds, c)
	}
	var out []map[string]any
	for _, rec := range recs {
		if matches(rec, conds) {
			out = append(out, rec)
		}
	}
	return out
}

// condition is one entry of a filter: its operator, its field and its
// value (any of several for an array), read once per call rather than
// once per record.
type condition struct {
	op, field string
	anyOf     bool
	values    []wanted
}

func matches(rec map[string]any, conds []condition) bool {
	for _, cond := range conds {
		op := cond.op
		got, ok := rec[cond.field]
		if !ok {
			continue // the real portal ignores fields it does not filter by
		}
		if cond.anyOf {
			in := slices.ContainsFunc(cond.values, func(w wanted) bool { return w.compare(got) == 0 })
			if in == (op == "!=" || op == "!@" || op == "!") {
				return false
			}
			continue
		}
		c := cond.values[0].compare(got)
		var pass bool
		switch {
		case c == incomparable:
			pass = op == "!=" || op == "!"
		case op == ">=":
			pass = c >= 0
		case op == "<=":
			pass = c <= 0
		case op == ">":
			pass = c > 0
		case op == "<":
			pass = c < 0
		case op == "!=" || op == "!":
			pass = c != 0
		default:
			pass = c == 0
		}
		if !pass {
			return false
		}
	}
	return true
}

// wanted is a filter's value in each form compare reads it in.
type wanted struct {
	num    float64   // as a number
	str    string    // as text
	time   time.Time // as a time in the portal's zone, when isTime
	isTime bool
}

func wantOf(v any, zone *time.Location) wanted {
	w := wanted{num: num(v), str: fmt.Sprint(v)}
	if t, ok := v.(time.Time); ok {
		w.time, w.isTime = t, true
		return w
	}
	for _, layout := range timeLayouts {
		if t, err := time.ParseInLocation(layout, w.str, zone); err == nil {
			w.time, w.isTime = t, true
			break
		}
	}
	return w
}

// compare is compare(got, v, zone) for the value v was read from.
func (w wanted) compare(got any) int {
	switch g := got.(type) {
	case int:
		return cmp.Compare(float64(g), w.num)
	case time.Time:
		if w.isTime {
			return g.Compare(w.time)
		}
		return incomparable
	case string:
		return strings.Compare(g, w.str)
	}
	return strings.Compare(fmt.Sprint(got), w.str)
}

// timeLayouts are the forms a filter's time may come in.
var timeLayouts = []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"}

// incomparable is compare's answer for a filter value that is not a time.
const incomparable = 2

// compare orders a record's value against a filter's, which may come as
// a string or a number whatever the field's type.
func compare(got, want any, zone *time.Location) int {
	switch g := got.(type) {
	case int:
		return cmp.Compare(float64(g), num(want))
	case time.Time:
		if w, ok := want.(time.Time); ok {
			return g.Compare(w)
		}
		for _, layout := range timeLayouts {
			if w, err := time.ParseInLocation(layout, fmt.Sprint(want), zone); err == nil {
				return g.Compare(w)
			}
		}
		return incomparable
	}
	return strings.Compare(fmt.Sprint(got), fmt.Sprint(want))
}
