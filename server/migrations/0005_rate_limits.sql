-- Feedback posts per client in the current one-minute window, shared by
-- every server on a PostgreSQL database (one SQLite server keeps them in memory).
-- `window_start` is in milliseconds since 1970.
CREATE TABLE rate_limits (
    client        TEXT PRIMARY KEY,
    window_start  BIGINT NOT NULL,
    count         BIGINT NOT NULL
);

CREATE INDEX rate_limits_by_window ON rate_limits (window_start);
