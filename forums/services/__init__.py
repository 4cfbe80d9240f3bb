"""Writes of the DIEF, one module per area: `shared` (cases, platform items, attachments,
access records), `presentations` (arts. 11-12), `use_requests` (art. 16), `challenges`
(art. 15), `contacts` (art. 20), `briefings` (art. 22)."""
