-- What a notification says when it is not about an incident (a shift hand-off,
-- a swap): the facts its message is rendered from.
ALTER TABLE notifications ADD COLUMN details jsonb;
