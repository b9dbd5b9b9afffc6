-- Private incidents (ADR 18): a declared incident only its members see —
-- current or past role holders, stakeholders (followers), the security team
-- named by the setting security.teamId, and the organisation's owners and
-- admins. Written by the response module; read through the one visibility
-- rule (modules/incidents/incidents.visibility.ts).
--
-- Forward-only. db/migrate.ts applies it in one transaction under the
-- migration advisory lock.

ALTER TABLE incident_responses ADD COLUMN private boolean NOT NULL DEFAULT false;
CREATE INDEX incident_responses_private_idx ON incident_responses (incident_id) WHERE private;
-- An outbound webhook subscription receives private incidents' events only when it says so.
ALTER TABLE webhook_subscriptions ADD COLUMN include_private boolean NOT NULL DEFAULT false;

CREATE INDEX incident_role_holders_member_idx ON incident_role_holders (incident_id, user_id);
