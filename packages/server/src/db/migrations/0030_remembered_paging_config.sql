-- The configuration an alerts batch pages by (services and their
-- maintenance windows, escalation policies, people, their notification
-- rules and contact methods) is remembered by each node as the SLA targets
-- are (migration 0029, db/remembered.ts: rememberedByIds, ADR 38), and
-- forgotten as soon as a NOTIFY names one of these tables, sent by the
-- same statement trigger whoever changes them.
CREATE TRIGGER services_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON services
  FOR EACH STATEMENT EXECUTE FUNCTION remembered_table_changed();

CREATE TRIGGER maintenance_windows_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON maintenance_windows
  FOR EACH STATEMENT EXECUTE FUNCTION remembered_table_changed();

CREATE TRIGGER escalation_policies_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON escalation_policies
  FOR EACH STATEMENT EXECUTE FUNCTION remembered_table_changed();

CREATE TRIGGER users_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION remembered_table_changed();

CREATE TRIGGER notification_rules_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON notification_rules
  FOR EACH STATEMENT EXECUTE FUNCTION remembered_table_changed();

CREATE TRIGGER contact_methods_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON contact_methods
  FOR EACH STATEMENT EXECUTE FUNCTION remembered_table_changed();
