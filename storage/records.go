package storage

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"trackbot/domain"
)

// recordRowVersion is the version of recordRow this build writes.
const recordRowVersion = 1

// weekKeyLen is the size of the week at the end of a record key.
const weekKeyLen = 3

// segmentEnd ends the segment inside a record key. Segment keys never hold
// it, so one segment's records form one key range.
const segmentEnd = 0x00

// recordRow is a weekly record as stored; history rows also carry the time
// they were replaced.
type recordRow struct {
	V          int                         `json:"v"`
	Segment    string                      `json:"segment"`
	Year       int                         `json:"year"`
	Week       int                         `json:"week"`
	Counts     map[string]int64            `json:"counts,omitempty"`
	Spend      int64                       `json:"spend,omitempty"`
	Revenue    int64                       `json:"revenue,omitempty"`
	Margin     float64                     `json:"margin,omitempty"`
	HasMargin  bool                        `json:"has_margin,omitempty"`
	NonTarget  map[string]int64            `json:"non_target,omitempty"`
	DropOffs   map[string]map[string]int64 `json:"drop_offs,omitempty"`
	Managers   map[string]map[string]int64 `json:"managers,omitempty"`
	UpdatedBy  int64                       `json:"updated_by,omitempty"`
	UpdatedAt  int64                       `json:"updated,omitempty"`
	ReplacedAt int64                       `json:"replaced,omitempty"`
}

func toRecordRow(r domain.WeeklyRecord) recordRow {
	return recordRow{
		V:         recordRowVersion,
		Segment:   r.Segment,
		Year:      r.Week.Year,
		Week:      r.Week.Num,
		Counts:    r.Counts,
		Spend:     int64(r.Spend),
		Revenue:   int64(r.Revenue),
		Margin:    r.Margin,
		HasMargin: r.HasMargin,
		NonTarget: r.NonTarget,
		DropOffs:  r.DropOffs,
		Managers:  r.Managers,
		UpdatedBy: r.UpdatedBy,
		UpdatedAt: unixNano(r.UpdatedAt),
	}
}

func (r recordRow) record() domain.WeeklyRecord {
	return domain.WeeklyRecord{
		Segment:   r.Segment,
		Week:      domain.Week{Year: r.Year, Num: r.Week},
		Counts:    r.Counts,
		Spend:     domain.Money(r.Spend),
		Revenue:   domain.Money(r.Revenue),
		Margin:    r.Margin,
		HasMargin: r.HasMargin,
		NonTarget: r.NonTarget,
		DropOffs:  r.DropOffs,
		Managers:  r.Managers,
		UpdatedBy: r.UpdatedBy,
		UpdatedAt: fromUnixNano(r.UpdatedAt),
	}
}

func decodeRecord(data []byte) (domain.WeeklyRecord, error) {
	var row recordRow
	if err := unmarshalRow("weekly record", data, &row, &row.V, recordRowVersion); err != nil {
		return domain.WeeklyRecord{}, err
	}
	return row.record(), nil
}

// segmentPrefix is the start of every record key of a workspace's segment.
func segmentPrefix(workspace int64, segment string) []byte {
	k := append(idKey(workspace), segment...)
	return append(k, segmentEnd)
}

// recordKey is workspace | segment | 0x00 | year | week.
func recordKey(workspace int64, segment string, w domain.Week) []byte {
	return append(segmentPrefix(workspace, segment), weekKey(w)...)
}

// weekKey encodes a week so that keys sort by year, then week.
func weekKey(w domain.Week) []byte {
	return []byte{byte(w.Year >> 8), byte(w.Year), byte(w.Num)}
}

func keyWeek(k []byte) domain.Week {
	w := k[len(k)-weekKeyLen:]
	return domain.Week{Year: int(binary.BigEndian.Uint16(w)), Num: int(w[2])}
}

func compareWeeks(a, b domain.Week) int {
	return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.Num, b.Num))
}

// checkRecordKey rejects a record that could not be stored under a
// well-formed key; these are bugs in the caller, not user mistakes.
func checkRecordKey(segment string, w domain.Week) error {
	if segment == "" || strings.IndexByte(segment, segmentEnd) >= 0 {
		return fmt.Errorf("weekly record: bad segment key %q", segment)
	}
	if !w.Valid() {
		return fmt.Errorf("weekly record: invalid week %v", w)
	}
	return nil
}

// recordStore implements domain.RecordStore.
type recordStore struct{ t *tx }

// Get returns the segment's record for the week; ok is false when none.
func (s recordStore) Get(workspace int64, segment string, w domain.Week) (domain.WeeklyRecord, bool, error) {
	data := s.t.bucket(bucketRecords).Get(recordKey(workspace, segment, w))
	if data == nil {
		return domain.WeeklyRecord{}, false, nil
	}
	r, err := decodeRecord(data)
	return r, err == nil, err
}

// Put stores the record; a version it replaces moves to the history with
// the time it was replaced. A record holding no figure (an undo of the
// save that created it) leaves no current version, so the week does not
// count as reported; the replaced one is still in the history.
func (s recordStore) Put(workspace int64, r domain.WeeklyRecord) error {
	if err := checkRecordKey(r.Segment, r.Week); err != nil {
		return err
	}
	key := recordKey(workspace, r.Segment, r.Week)
	records := s.t.bucket(bucketRecords)
	if old := records.Get(key); old != nil {
		if err := s.keepHistory(key, old); err != nil {
			return err
		}
	}
	if r.IsEmpty() {
		return records.Delete(key)
	}
	data, err := marshalRow("weekly record", toRecordRow(r))
	if err != nil {
		return err
	}
	return records.Put(key, data)
}

// keepHistory files a replaced version under its record key and the
// history's next sequence, so versions list oldest first.
func (s recordStore) keepHistory(key, old []byte) error {
	var row recordRow
	if err := unmarshalRow("weekly record", old, &row, &row.V, recordRowVersion); err != nil {
		return err
	}
	row.ReplacedAt = unixNano(s.t.now())
	data, err := marshalRow("weekly record", row)
	if err != nil {
		return err
	}
	history := s.t.bucket(bucketRecordHistory)
	seq, err := history.NextSequence()
	if err != nil {
		return err
	}
	return history.Put(binary.BigEndian.AppendUint64(bytes.Clone(key), seq), data)
}

// History returns the replaced versions of a record, oldest first.
func (s recordStore) History(workspace int64, segment string, w domain.Week) ([]domain.WeeklyRecord, error) {
	prefix := recordKey(workspace, segment, w)
	var versions []domain.WeeklyRecord
	c := s.t.bucket(bucketRecordHistory).Cursor()
	for k, data := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, data = c.Next() {
		r, err := decodeRecord(data)
		if err != nil {
			return nil, err
		}
		versions = append(versions, r)
	}
	return versions, nil
}

// Range returns the segment's records from..to inclusive, oldest first. An
// empty segment means every segment, ordered by week, then segment key.
func (s recordStore) Range(workspace int64, segment string, from, to domain.Week) ([]domain.WeeklyRecord, error) {
	c := s.t.bucket(bucketRecords).Cursor()
	if segment != "" {
		return scanSegment(c, segmentPrefix(workspace, segment), from, to)
	}
	return scanAllSegments(c, workspace, from, to)
}

// scanAllSegments visits the workspace's segments one by one, seeking past
// each segment's weeks outside the range instead of reading them.
func scanAllSegments(c *bolt.Cursor, workspace int64, from, to domain.Week) ([]domain.WeeklyRecord, error) {
	wsPrefix := idKey(workspace)
	var all []domain.WeeklyRecord
	for k, _ := c.Seek(wsPrefix); k != nil && bytes.HasPrefix(k, wsPrefix); {
		prefix := bytes.Clone(k[:len(k)-weekKeyLen])
		records, err := scanSegment(c, prefix, from, to)
		if err != nil {
			return nil, err
		}
		all = append(all, records...)
		k, _ = c.Seek(nextSegment(prefix))
	}
	// Each segment came oldest first and segments came in key order, so a
	// stable sort by week leaves ties ordered by segment.
	slices.SortStableFunc(all, func(a, b domain.WeeklyRecord) int {
		return compareWeeks(a.Week, b.Week)
	})
	return all, nil
}

// nextSegment is the smallest key after every key of the segment prefix:
// the 0x00 end raised to 0x01, which no segment's byte undercuts.
func nextSegment(prefix []byte) []byte {
	next := bytes.Clone(prefix)
	next[len(next)-1] = segmentEnd + 1
	return next
}

// scanSegment reads one segment's records from..to with a single seek.
func scanSegment(c *bolt.Cursor, prefix []byte, from, to domain.Week) ([]domain.WeeklyRecord, error) {
	var records []domain.WeeklyRecord
	start := append(bytes.Clone(prefix), weekKey(from)...)
	for k, data := c.Seek(start); k != nil && bytes.HasPrefix(k, prefix); k, data = c.Next() {
		if compareWeeks(keyWeek(k), to) > 0 {
			break
		}
		r, err := decodeRecord(data)
		if err != nil {
			return nil, err
		}
		records = append(records, r)
	}
	return records, nil
}
