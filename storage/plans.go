package storage

import "trackbot/domain"

// planRow is a domain.Plan as stored inside its workspace's row. A
// target's field is stored by its parts, like a figure of a revision.
type planRow struct {
	Segment string          `json:"segment"`
	Kind    string          `json:"kind"`
	Year    int             `json:"year"`
	Num     int             `json:"num"`
	Targets []planTargetRow `json:"targets,omitempty"`
	SetBy   int64           `json:"set_by,omitempty"`
	SetAt   int64           `json:"set_at,omitempty"`
}

type planTargetRow struct {
	Kind  int    `json:"kind"`
	Stage string `json:"stage,omitempty"`
	Value int64  `json:"value"`
}

func toPlanRow(p domain.Plan) planRow {
	return planRow{
		Segment: p.Segment, Kind: string(p.Kind), Year: p.Year, Num: p.Num,
		Targets: convertAll(p.Targets, func(t domain.PlanTarget) planTargetRow {
			return planTargetRow{Kind: int(t.Kind), Stage: t.Stage, Value: t.Value}
		}),
		SetBy: p.SetBy, SetAt: unixNano(p.SetAt),
	}
}

func (r planRow) plan() domain.Plan {
	return domain.Plan{
		Segment: r.Segment, Kind: domain.PeriodKind(r.Kind), Year: r.Year, Num: r.Num,
		Targets: convertAll(r.Targets, func(t planTargetRow) domain.PlanTarget {
			return domain.PlanTarget{Kind: domain.FieldKind(t.Kind), Stage: t.Stage, Value: t.Value}
		}),
		SetBy: r.SetBy, SetAt: fromUnixNano(r.SetAt),
	}
}
