-- Reads that must see everything committed by whoever held their advisory
-- locks before them, with the locks taken in the same round trip (ADR 40).
-- A single statement cannot both wait for a lock and then read past it: its
-- snapshot is taken when it starts. A VOLATILE function's own queries each
-- take a fresh snapshot (READ COMMITTED), so these take the locks (keys
-- sorted and distinct, as db/locks.ts takes them: no deadlock between two
-- takers of overlapping sets) and then read, and the caller saves the lock's
-- own statement: one round trip fewer for every alerts batch that triggers,
-- and for every delivery decision.

-- Transaction-scoped advisory locks on text keys, taken in the order given
-- (db/locks.ts: lockKeys calls it with the keys in lockOrder). PERFORM runs
-- the query to its end, so every key is locked.
CREATE FUNCTION take_advisory_locks(keys text[]) RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  -- OFFSET 0 keeps the ordered subquery from being flattened, so the locks are taken in its order.
  PERFORM pg_advisory_xact_lock(h) FROM (
    SELECT hashtextextended(k, 0) AS h, ordinality FROM unnest(keys) WITH ORDINALITY AS k
    ORDER BY ordinality OFFSET 0) AS ordered;
END $$;

-- The open incidents of these (service, group key) pairs, locked, read under
-- their group locks (incidents.repo.ts: lockGroupKeysAndFindOpen).
CREATE FUNCTION open_group_incidents_locked(lock_keys text[], service_ids uuid[], group_keys text[])
RETURNS SETOF incidents
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM take_advisory_locks(lock_keys);
  RETURN QUERY
    SELECT i.* FROM incidents i
    JOIN unnest(service_ids, group_keys) AS g(service_id, group_key)
      ON i.service_id = g.service_id AND i.group_key = g.group_key
    WHERE i.status <> 'resolved'
    FOR UPDATE OF i;
END $$;

-- The sending state of these contact methods and numbers, read under their
-- sending locks (notifications.repo.ts: lockAndSelectSendingState): each
-- method's sends since its throttle window began, and the reply codes each
-- SMS number holds with their incidents' status.
CREATE FUNCTION sending_state_locked(lock_keys text[], method_ids uuid[], sent_since timestamptz,
                                     numbers text[], codes_since timestamptz)
RETURNS TABLE (key text, n int, code text, incident_id uuid, status text)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM take_advisory_locks(lock_keys);
  RETURN QUERY
    SELECT c.contact_method_id::text, count(*)::int, NULL::text, NULL::uuid, NULL::text
      FROM notifications c
     WHERE c.contact_method_id = ANY(method_ids) AND c.kind IN ('page', 'bundle')
       AND c.status IN ('queued', 'sent', 'delivered') AND c.sent_at >= sent_since
     GROUP BY c.contact_method_id
    UNION ALL
    SELECT m.address, NULL::int, r.reply_code, r.incident_id, i.status
      FROM notifications r
      JOIN contact_methods m ON m.id = r.contact_method_id
      LEFT JOIN incidents i ON i.id = r.incident_id
     WHERE m.address = ANY(numbers) AND m.type = 'sms' AND r.reply_code IS NOT NULL
       AND r.incident_id IS NOT NULL AND r.created_at >= codes_since;
END $$;
