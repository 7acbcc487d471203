-- Version 2: one write path. Search text derives from `articles` (stored once): a generated, weighted `document`
-- (headline A, topics B, standfirst C, body D) with a GIN index, in place of the copy in `articles_fts`.
-- Article sources are named `{origin}:{id}` (db::write), so several sources can share the store.
ALTER TABLE articles ADD COLUMN topics_text TEXT NOT NULL DEFAULT '';
UPDATE articles SET source = 'markdown:' || source WHERE source IS NOT NULL AND source NOT LIKE 'markdown:%';
-- Written again by the next import, which fills `topics_text` and `body_text`.
UPDATE articles SET digest = NULL;
DROP TABLE IF EXISTS articles_fts;
-- The body's plain text, filled by the write path from the typed blocks (as on SQLite, whose FTS5 needs a column).
ALTER TABLE articles ADD COLUMN body_text TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN document tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', headline), 'A') ||
    setweight(to_tsvector('english', topics_text), 'B') ||
    setweight(to_tsvector('english', standfirst), 'C') ||
    setweight(to_tsvector('english', body_text), 'D')
) STORED;
CREATE INDEX articles_document ON articles USING GIN (document);
