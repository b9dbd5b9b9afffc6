-- Placeholder for local testing only (another branch owns 0012); not committed.
SELECT 1;
