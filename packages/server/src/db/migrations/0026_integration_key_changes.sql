-- Every node remembers the integration keys it has routed events to
-- (modules/ingest/routing-cache.ts, ADR 31) and LISTENs on this channel to
-- forget them as soon as one changes or goes: a rotated routing key, a
-- deleted key, new settings, or a service deleted with its keys. A statement
-- trigger sends the NOTIFY, so no change can reach the table without it,
-- whichever code path made it. The payload says nothing: a node forgets
-- every key it remembers, and keys change rarely.
CREATE FUNCTION integration_keys_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tocsin_integration_keys', '');
  RETURN NULL;
END $$;

CREATE TRIGGER integration_keys_changed
  AFTER UPDATE OR DELETE OR TRUNCATE ON integration_keys
  FOR EACH STATEMENT EXECUTE FUNCTION integration_keys_changed();
