-- Fair scheduling (docs/architecture.md, "Fair delivery"): the poller walks the endpoints that have pending tasks
-- and leases a few due tasks of each, so it needs a task's due time per endpoint. A lease now also moves the task's
-- next_attempt_at to the lease's end: "due" is then one comparison, and a leased task is not due until its lease
-- lapses. The global due index served only the old oldest-first poll.
UPDATE delivery_task SET next_attempt_at = lease_until
    WHERE lease_until IS NOT NULL AND next_attempt_at IS NOT NULL AND next_attempt_at < lease_until;
DROP INDEX delivery_task_due;
CREATE INDEX delivery_task_endpoint_due ON delivery_task (endpoint_id, next_attempt_at)
    WHERE next_attempt_at IS NOT NULL;
