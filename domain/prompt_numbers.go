package domain

// NumbersPrompt is the prompt asking workspace for numbers: for week, or,
// when week is the zero Week, for the week the reply names (the last
// complete week when it names none).
func NumbersPrompt(workspace int64, week Week) Prompt {
	if week == (Week{}) {
		return Prompt{Kind: PromptNumbers, Workspace: workspace, ID: 1}
	}
	return Prompt{Kind: PromptWeekNumbers, Workspace: workspace, ID: int64(week.Year)*100 + int64(week.Num)}
}

// NumbersWeek is the week a reply to the numbers prompt p reports when it
// names none. It is false when that is the last complete week: p asks for
// no week in particular, is not a numbers prompt, or names no real week.
func (p Prompt) NumbersWeek() (Week, bool) {
	if p.Kind != PromptWeekNumbers {
		return Week{}, false
	}
	w := Week{Year: int(p.ID / 100), Num: int(p.ID % 100)}
	return w, w.Valid()
}
