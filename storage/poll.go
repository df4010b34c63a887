package storage

import (
	"encoding/binary"
	"fmt"
)

// pollState implements domain.PollState with the offset kept in meta.
type pollState struct{ t *tx }

// Offset returns the stored long-poll offset, 0 before the first update.
func (p pollState) Offset() (int, error) {
	raw := p.t.bucket(bucketMeta).Get(keyPollOffset)
	if raw == nil {
		return 0, nil
	}
	if len(raw) != 8 {
		return 0, fmt.Errorf("poll offset: want 8 bytes, got %d", len(raw))
	}
	return int(int64(binary.BigEndian.Uint64(raw))), nil
}

// SetOffset stores the long-poll offset.
func (p pollState) SetOffset(offset int) error {
	return p.t.bucket(bucketMeta).Put(keyPollOffset, idKey(int64(offset)))
}
