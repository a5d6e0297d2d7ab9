-- Small facts the server keeps about itself: the admin token's hash,
-- whether the sample updates were ever seeded.
CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
