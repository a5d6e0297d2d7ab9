-- A run of alerts is queued in one statement: a row per subscriber naming
-- the update and the subscriber, its `body` empty until the worker composes
-- it as it sends, from the update and the subscriber as they are then. A
-- run to a force's whole list is queued in a moment and its first alert
-- goes at once; an update withdrawn mid-run, or a resident who stops,
-- gets nothing more.
ALTER TABLE outbox ADD COLUMN update_id TEXT;
ALTER TABLE outbox ADD COLUMN subscriber_id TEXT;

-- How many of a run have been sent, for the console.
CREATE INDEX outbox_by_update ON outbox (update_id, state);
