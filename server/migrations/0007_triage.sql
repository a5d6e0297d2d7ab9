-- What the force does with feedback: its status, who has it, when it was
-- closed (retention counts from then), and internal notes.
ALTER TABLE feedback ADD COLUMN status TEXT NOT NULL DEFAULT 'new'
    CHECK (status IN ('new', 'in_progress', 'closed'));
ALTER TABLE feedback ADD COLUMN assignee TEXT;
ALTER TABLE feedback ADD COLUMN closed_at TEXT;

CREATE INDEX feedback_by_status ON feedback (status, received_at, id);
CREATE INDEX feedback_by_area ON feedback (area);
CREATE INDEX feedback_by_origin ON feedback (origin);

CREATE TABLE notes (
    id           TEXT PRIMARY KEY,
    feedback_id  TEXT NOT NULL,
    author       TEXT NOT NULL,
    body         TEXT NOT NULL,
    created_at   TEXT NOT NULL
);

CREATE INDEX notes_by_feedback ON notes (feedback_id, created_at);

-- Who did what, when, from where. Rows are only ever added: nothing in the
-- server updates or deletes them. `id` sorts in time order.
CREATE TABLE audit (
    id       TEXT PRIMARY KEY,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    target   TEXT,
    detail   TEXT,
    address  TEXT
);

CREATE INDEX audit_by_target ON audit (target, id);
