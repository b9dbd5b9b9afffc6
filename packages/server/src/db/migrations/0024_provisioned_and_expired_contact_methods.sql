-- Issue 15. An admin (or tocsin.yaml) may provision a person's email contact
-- method without the code read out of their mailbox: it is verified at once
-- and marked as provisioned, by whom and when. A push subscription the push
-- service calls gone (404/410) is expired: disabled, and shown as such.
ALTER TABLE contact_methods
  ADD COLUMN provisioned_at timestamptz,
  ADD COLUMN provisioned_by uuid REFERENCES users (id) ON DELETE SET NULL,
  ADD COLUMN expired_at timestamptz;
