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

// handledKeep is how many applied webhook update ids are remembered.
// Updates are answered one at a time and Telegram repeats one until it is
// answered, so a repeat comes long before a thousand newer updates pass.
const handledKeep = 1000

// Handled reports whether the update id is among the recently applied.
func (p pollState) Handled(updateID int) (bool, error) {
	ids, err := p.handled()
	if err != nil {
		return false, err
	}
	for _, id := range ids {
		if id == int64(updateID) {
			return true, nil
		}
	}
	return false, nil
}

// MarkHandled appends the update id to the recently applied ones, dropping
// the oldest beyond handledKeep.
func (p pollState) MarkHandled(updateID int) error {
	ids, err := p.handled()
	if err != nil {
		return err
	}
	ids = append(ids, int64(updateID))
	if len(ids) > handledKeep {
		ids = ids[len(ids)-handledKeep:]
	}
	raw := make([]byte, 0, 8*len(ids))
	for _, id := range ids {
		raw = binary.BigEndian.AppendUint64(raw, uint64(id))
	}
	return p.t.bucket(bucketMeta).Put(keyHandledUpdates, raw)
}

// handled decodes the applied update ids, oldest first.
func (p pollState) handled() ([]int64, error) {
	raw := p.t.bucket(bucketMeta).Get(keyHandledUpdates)
	if len(raw)%8 != 0 {
		return nil, fmt.Errorf("handled updates: %d bytes is not a list of 8-byte ids", len(raw))
	}
	ids := make([]int64, 0, len(raw)/8+1)
	for i := 0; i < len(raw); i += 8 {
		ids = append(ids, int64(binary.BigEndian.Uint64(raw[i:])))
	}
	return ids, nil
}
