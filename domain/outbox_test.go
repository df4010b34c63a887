package domain

import "testing"

func TestOutboxJob_RepeatHarmless(t *testing.T) {
	for _, tc := range []struct {
		name string
		job  OutboxJob
		want bool
	}{
		{"an edit", OutboxJob{Kind: EditText, Priority: PriorityBulk}, true},
		{"an answer to a press", OutboxJob{Kind: AnswerCallback}, true},
		{"a chat action", OutboxJob{Kind: ChatAction}, true},
		{"a text reply to a person", OutboxJob{Kind: SendText, Priority: PriorityReply}, true},
		{"a file sent to a person", OutboxJob{Kind: SendDocument, Priority: PriorityReply}, true},
		{"a scheduled text post", OutboxJob{Kind: SendText, Priority: PriorityBulk}, false},
		{"charts of a pack", OutboxJob{Kind: SendMediaGroup, Priority: PriorityReply}, false},
		{"a chart", OutboxJob{Kind: SendPhoto, Priority: PriorityReply}, false},
	} {
		if got := tc.job.RepeatHarmless(); got != tc.want {
			t.Errorf("%s: RepeatHarmless() = %v, want %v", tc.name, got, tc.want)
		}
	}
}
