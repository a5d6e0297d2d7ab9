-- The Welsh version of an update's words (each blank one is shown in
-- English), and how the update came in: console, api, command_line,
-- sample or import (with the source's URL or file).
ALTER TABLE updates ADD COLUMN cy_title TEXT;
ALTER TABLE updates ADD COLUMN cy_summary TEXT;
ALTER TABLE updates ADD COLUMN cy_content_text TEXT;
ALTER TABLE updates ADD COLUMN cy_image_alt TEXT;
ALTER TABLE updates ADD COLUMN cy_event_address TEXT;
ALTER TABLE updates ADD COLUMN channel TEXT NOT NULL DEFAULT 'api'
    CHECK (channel IN ('console', 'api', 'command_line', 'sample', 'import'));
ALTER TABLE updates ADD COLUMN import_source TEXT;

UPDATE updates SET channel = 'import',
    import_source = (SELECT min(i.source) FROM imported i WHERE i.update_id = updates.id)
WHERE id IN (SELECT update_id FROM imported);
UPDATE updates SET channel = 'sample' WHERE id LIKE 'sample-%';

-- Partner sites whose pages may send feedback. An origin belongs to one
-- partner; the server looks it up on each request, so a change reaches
-- every server sharing the database at once.
CREATE TABLE partners (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    contact     TEXT,
    created_at  TEXT NOT NULL
);

CREATE TABLE partner_origins (
    origin      TEXT PRIMARY KEY,
    partner_id  TEXT NOT NULL
);

CREATE INDEX partner_origins_by_partner ON partner_origins (partner_id);
