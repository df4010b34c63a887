package storage

import (
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"trackbot/domain"
)

func TestRecordRow_RoundTrip(t *testing.T) {
	want := fullRecord("dealers", domain.Week{Year: 2026, Num: 10})
	requireAllFieldsSet(t, "WeeklyRecord", want)

	data, err := marshalRow("weekly record", toRecordRow(want))
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeRecord(data)
	if err != nil {
		t.Fatal(err)
	}

	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\ngot  %+v\nwant %+v", got, want)
	}
}

func TestRecords_PutThenGet(t *testing.T) {
	db := mustOpen(t)
	week := domain.Week{Year: 2026, Num: 10}
	want := fullRecord("dealers", week)
	update(t, db, func(tx domain.Tx) error { return tx.Records().Put(1, want) })

	view(t, db, func(tx domain.Tx) error {
		got, ok, err := tx.Records().Get(1, "dealers", week)
		if err != nil || !ok {
			t.Fatalf("Get: got ok=%v err=%v, want found", ok, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Get:\ngot  %+v\nwant %+v", got, want)
		}
		if _, ok, _ := tx.Records().Get(2, "dealers", week); ok {
			t.Error("Get in another workspace: found, want missing")
		}
		return nil
	})
}

func TestRecords_HistoryKeepsCorrections(t *testing.T) {
	db, clock := mustOpenWithClock(t)
	week := domain.Week{Year: 2026, Num: 10}
	versions := make([]domain.WeeklyRecord, 3)
	for i := range versions {
		versions[i] = fullRecord("dealers", week)
		versions[i].Counts = map[string]int64{"leads": int64(100 + i)}
	}
	replacedAt := []time.Time{t0.Add(time.Hour), t0.Add(2 * time.Hour)}

	update(t, db, func(tx domain.Tx) error { return tx.Records().Put(1, versions[0]) })
	for i, at := range replacedAt {
		clock.now = at
		update(t, db, func(tx domain.Tx) error { return tx.Records().Put(1, versions[i+1]) })
	}

	view(t, db, func(tx domain.Tx) error {
		current, _, err := tx.Records().Get(1, "dealers", week)
		if err != nil {
			return err
		}
		if got := current.Counts["leads"]; got != 102 {
			t.Errorf("current leads: got %d, want 102", got)
		}
		history, err := tx.Records().History(1, "dealers", week)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(history, versions[:2]) {
			t.Errorf("History:\ngot  %+v\nwant %+v", history, versions[:2])
		}
		other, err := tx.Records().History(1, "dealers", week.Add(1))
		if len(other) != 0 {
			t.Errorf("History of the next week: got %d versions, want 0", len(other))
		}
		return err
	})
	if got := storedReplacedTimes(t, db); !reflect.DeepEqual(got, replacedAt) {
		t.Errorf("replaced at: got %v, want %v", got, replacedAt)
	}
}

// storedReplacedTimes reads the replacement stamps straight from the
// history bucket; the domain type has no field for them.
func storedReplacedTimes(t *testing.T, db *DB) []time.Time {
	t.Helper()
	var times []time.Time
	err := db.bolt.View(func(btx *bolt.Tx) error {
		return btx.Bucket(bucketRecordHistory).ForEach(func(_, data []byte) error {
			var row recordRow
			if err := unmarshalRow("weekly record", data, &row, &row.V, recordRowVersion); err != nil {
				return err
			}
			times = append(times, fromUnixNano(row.ReplacedAt))
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return times
}

func TestRecords_Range(t *testing.T) {
	db := mustOpen(t)
	w52 := domain.Week{Year: 2026, Num: 52}
	w53 := domain.Week{Year: 2026, Num: 53}
	w01 := domain.Week{Year: 2027, Num: 1}
	w02 := domain.Week{Year: 2027, Num: 2}
	// "deal" is a prefix of "dealers": the key's segment end keeps them apart.
	segments := []string{"retail", "dealers", "deal"}
	update(t, db, func(tx domain.Tx) error {
		for _, seg := range segments {
			for _, w := range []domain.Week{w02, w01, w53, w52} {
				if err := tx.Records().Put(1, fullRecord(seg, w)); err != nil {
					return err
				}
			}
		}
		// Another workspace's record inside the range must not leak in.
		return tx.Records().Put(2, fullRecord("dealers", w53))
	})

	type key struct {
		seg  string
		week domain.Week
	}
	tests := []struct {
		name     string
		segment  string
		from, to domain.Week
		want     []key
	}{
		{"one segment across the new year", "dealers", w53, w01,
			[]key{{"dealers", w53}, {"dealers", w01}}},
		{"every segment by week then segment", "", w53, w01,
			[]key{{"deal", w53}, {"dealers", w53}, {"retail", w53}, {"deal", w01}, {"dealers", w01}, {"retail", w01}}},
		{"one week", "deal", w02, w02, []key{{"deal", w02}}},
		{"empty when from is after to", "", w02, w52, nil},
		{"unknown segment", "builders", w52, w02, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []key
			view(t, db, func(tx domain.Tx) error {
				records, err := tx.Records().Range(1, tt.segment, tt.from, tt.to)
				for _, r := range records {
					got = append(got, key{r.Segment, r.Week})
				}
				return err
			})
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Range(%q, %v, %v):\ngot  %v\nwant %v", tt.segment, tt.from, tt.to, got, tt.want)
			}
		})
	}
}

func TestRecords_PutRejectsMalformedKey(t *testing.T) {
	tests := []struct {
		name    string
		segment string
		week    domain.Week
	}{
		{"empty segment", "", domain.Week{Year: 2026, Num: 10}},
		{"segment holding the key separator", "a\x00b", domain.Week{Year: 2026, Num: 10}},
		{"week 53 of a short year", "dealers", domain.Week{Year: 2027, Num: 53}},
	}
	db := mustOpen(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := db.Update(func(tx domain.Tx) error {
				return tx.Records().Put(1, fullRecord(tt.segment, tt.week))
			})
			if err == nil {
				t.Errorf("Put(%q, %v): got no error, want a refusal", tt.segment, tt.week)
			}
		})
	}
}
