package domain

// SourceKind names where numbers come from by themselves.
type SourceKind string

// The kinds of sources.
const (
	SourceSheet    SourceKind = "sheet"
	SourceKommo    SourceKind = "kommo"
	SourceBitrix24 SourceKind = "bitrix24"
)

// SourceMapping says how a CRM's names become the workspace's: CRM id → workspace key.
type SourceMapping struct {
	Segments map[string]string // pipeline / deal category id → segment key
	Stages   map[string]string // status / stage id → stage key
	Reasons  map[string]string // loss reason id / lost stage id → drop-off reason key
	Managers map[string]string // CRM user id → manager name
}

// SourceCatalog is what a CRM offers to map: ids with their names.
type SourceCatalog struct {
	Segments, Stages, Reasons, Managers []SourceItem
}

// SourceItem is one CRM thing with its id, name and, for stages, its pipeline.
type SourceItem struct {
	ID, Name, Parent string
	Won, Lost        bool // for stages: the CRM marks it as won / lost
}
