-- Indexes for long histories (100,000 runs): the unfiltered history page, and the status's
-- "last success" / "failures since" lookups.
CREATE INDEX runs_by_started ON runs (started_at_ms DESC, id DESC);
CREATE INDEX runs_by_job_status_id ON runs (job_type, status, id);
