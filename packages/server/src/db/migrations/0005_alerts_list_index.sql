-- The Alerts list (GET /api/v1/alerts): newest first, keyset pages on
-- (created_at, id), so a page is an index range, not a sort of every alert.
CREATE INDEX alerts_newest_idx ON alerts (created_at DESC, id DESC);
