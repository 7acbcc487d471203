-- Version 3: several sources share the store. Authors and topics belong to the source that wrote them
-- (`db::write`), so a complete read of one source (the Markdown folder) no longer removes another's (WordPress's).
-- Every row before this version was written by the Markdown folder, the only source there was.
ALTER TABLE authors ADD COLUMN origin TEXT NOT NULL DEFAULT 'markdown';
ALTER TABLE topics ADD COLUMN origin TEXT NOT NULL DEFAULT 'markdown';
-- Old addresses that answer 301 (db::redirects): a CMS's permalinks (`/2018/06/05/slug`, `/?p=123`, category and
-- tag archives) and an article's address before it moved. An article's redirect names its source, so it follows
-- the article wherever it is now; anything else names a site path.
CREATE TABLE IF NOT EXISTS redirects (
    path      TEXT PRIMARY KEY,
    origin    TEXT NOT NULL,
    source_id TEXT,
    target    TEXT
);
