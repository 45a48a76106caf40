-- The desk's idempotency key: a form queued while the server was away, or a retried request, is recorded once.
ALTER TABLE redirections ADD COLUMN submission_key TEXT NULL;
CREATE UNIQUE INDEX redirections_submission_key ON redirections (incident_id, submission_key) WHERE submission_key IS NOT NULL;
