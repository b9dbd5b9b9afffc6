-- The SMS reply codes recently given to a number (notifications.repo.ts,
-- selectRecentReplyCodesMany) are looked up by address for every batch of
-- pages sent by SMS: without an index on the address, each lookup read every
-- contact method (ADR 34).
CREATE INDEX contact_methods_sms_address_idx ON contact_methods (address) WHERE type = 'sms';
