-- The configuration an alerts batch pages by (services and their
-- maintenance windows, escalation policies, people, their notification
-- rules and contact methods) is remembered by each node as the SLA targets
-- are (migration 0029, db/remembered.ts: rememberedByIds, ADR 38), and
-- forgotten as soon as a NOTIFY names one of these tables, sent by the
-- same statement trigger whoever changes them.
DO $$
DECLARE
  remembered text;
BEGIN
  FOREACH remembered IN ARRAY ARRAY['services', 'maintenance_windows', 'escalation_policies', 'users',
                                    'notification_rules', 'contact_methods'] LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
         FOR EACH STATEMENT EXECUTE FUNCTION remembered_table_changed()',
      remembered || '_changed', remembered);
  END LOOP;
END $$;
