-- Small tables every alerts batch reads and people seldom change (SLA
-- targets, webhook subscriptions) are remembered by each node
-- (db/remembered.ts, ADR 37) and forgotten as soon as a NOTIFY on this
-- channel names them. A statement trigger sends it, so no change reaches
-- the table without it, whichever code path made it (the API, a seed, SQL
-- by hand). The payload is the table's name.
CREATE FUNCTION remembered_table_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('tocsin_remembered_tables', TG_TABLE_NAME);
  RETURN NULL;
END $$;

CREATE TRIGGER sla_targets_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sla_targets
  FOR EACH STATEMENT EXECUTE FUNCTION remembered_table_changed();

CREATE TRIGGER webhook_subscriptions_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON webhook_subscriptions
  FOR EACH STATEMENT EXECUTE FUNCTION remembered_table_changed();
