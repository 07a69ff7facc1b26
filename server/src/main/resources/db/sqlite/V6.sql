-- Attempt ids sort by creation time, so retention finds old attempt bodies through the primary key; one index
-- fewer to update for every attempt recorded.
DROP INDEX message_attempt_created;
