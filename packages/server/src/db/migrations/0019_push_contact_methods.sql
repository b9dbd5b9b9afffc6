-- Web Push as a contact method (issue 15, ADR 22): the address is the push
-- subscription's endpoint; its keys (the browser's P-256 public key and auth
-- secret, RFC 8291) are kept beside it, never shown back by the API.
ALTER TABLE contact_methods DROP CONSTRAINT contact_methods_type_check;
ALTER TABLE contact_methods
  ADD CONSTRAINT contact_methods_type_check CHECK (type IN ('email', 'sms', 'voice', 'slack', 'webhook', 'push'));
ALTER TABLE contact_methods ADD COLUMN push_keys jsonb;
ALTER TABLE contact_methods
  ADD CONSTRAINT contact_methods_push_keys_check CHECK ((type = 'push') = (push_keys IS NOT NULL));

-- An action taken from a push notification's button is recorded as such.
ALTER TABLE incident_timeline DROP CONSTRAINT incident_timeline_source_check;
ALTER TABLE incident_timeline
  ADD CONSTRAINT incident_timeline_source_check
  CHECK (source IN ('web', 'api', 'cli', 'email_link', 'push', 'sms_reply', 'slack', 'teams', 'voice', 'engine', 'ingest'));
