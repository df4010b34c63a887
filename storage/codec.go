package storage

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"
)

// idKey encodes an id (or a chat id, via its two's-complement bits) as 8
// big-endian bytes, so ids sort numerically in a bucket.
func idKey(id int64) []byte {
	return binary.BigEndian.AppendUint64(make([]byte, 0, 8), uint64(id))
}

// keyID decodes an idKey.
func keyID(k []byte) (int64, error) {
	if len(k) < 8 {
		return 0, fmt.Errorf("id key: want 8 bytes, got %d", len(k))
	}
	return int64(binary.BigEndian.Uint64(k)), nil
}

// unixNano stores a time as Unix nanoseconds, with 0 for the zero time.
func unixNano(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// fromUnixNano restores a stored time in UTC; 0 is the zero time.
func fromUnixNano(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

// marshalRow encodes a storage row.
func marshalRow(kind string, row any) ([]byte, error) {
	data, err := json.Marshal(row)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", kind, err)
	}
	return data, nil
}

// unmarshalRow decodes a storage row and refuses one written by a newer row
// version: this build would drop its unknown fields on the next write.
func unmarshalRow(kind string, data []byte, row any, version *int, known int) error {
	if err := json.Unmarshal(data, row); err != nil {
		return fmt.Errorf("decode %s: %w", kind, err)
	}
	if *version > known {
		return fmt.Errorf("decode %s: row version %d is newer than %d", kind, *version, known)
	}
	return nil
}
