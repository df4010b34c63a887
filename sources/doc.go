// Package sources reads a company's weekly numbers from where they already
// live: the CRMs amoCRM/Kommo and Bitrix24. A Connector lists what the CRM
// offers to map (pipelines, stages, loss reasons, users) and turns the
// CRM's stage history into domain.Entry values, one per segment and week,
// that go through the same validation and preview as a manual import.
//
// What a weekly count means is decided once, in funnel.go, for both CRMs:
// a lead (deal) counts at a stage in the week it first reaches a status
// mapped to that stage or a later one, so a lead that jumps from the
// second status to the fifth counts at the third and fourth too. Items
// lost on the way are drop-offs of the stage they were heading into.
//
// Mapping ids (domain.SourceMapping): Kommo pipelines, statuses, loss
// reasons and users by their numeric ids, won and lost being 142 and 143
// in every pipeline; the reason "" stands for a lead lost with no reason
// given. Bitrix24 categories by id (0 is the default one), stages by
// STATUS_ID ("NEW", "C1:NEW"), and lost stages as the reasons. A mapping
// naming what the CRM no longer has fails the sync (ErrMappingChanged).
//
// Spend is not in a CRM and is never produced. A sync either returns every
// entry or an error: a failure half-way (a 401 on page three) returns no
// entries, so nothing half-synced is ever saved.
//
// Connecting, what the CEO does in the CRM:
//   - Kommo / amoCRM: an account admin opens Settings → Integrations →
//     Create integration, makes a private one (no redirect URL needed),
//     then on its Keys and scopes tab clicks Generate long-lived token,
//     picks how long it lives (one day to five years) and copies it. The
//     secret is the account and the token: "mycompany.kommo.com:TOKEN"
//     (a bare "mycompany" means mycompany.amocrm.ru).
//   - Bitrix24: Developer resources → Other → Inbound webhook, with the
//     crm and user permissions; the secret is the URL it shows,
//     https://<portal>/rest/<user>/<secret>/. The webhook sees what its
//     user sees, so that user should see every deal.
//
// The fakes the tests talk to live in sources/kommotest and
// sources/bitrix24test; both were written from the public API
// documentation, not from recorded traffic.
package sources
