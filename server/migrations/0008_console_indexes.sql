-- Indexes for the console: its filters (areas compared without case) and
-- the groupings of insight, each holding every column its query reads, so
-- that counting and grouping 100,000 submissions reads an index, not rows.
DROP INDEX feedback_by_area;
DROP INDEX feedback_by_about;
CREATE INDEX feedback_by_about ON feedback (about, received_at, rating);
CREATE INDEX feedback_filters ON feedback ((lower(area)), area, rating, status, origin, about, assignee, received_at);
CREATE INDEX feedback_insight ON feedback (received_at, status, rating);
