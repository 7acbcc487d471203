-- Version 2: one write path. Search text derives from `articles`: an external-content FTS5 table over its
-- columns, kept by triggers whoever writes, so the index holds no second copy of a headline.
-- Article sources are named `{origin}:{id}` (db::write), so several sources can share the store.
ALTER TABLE articles ADD COLUMN topics_text TEXT NOT NULL DEFAULT '';
UPDATE articles SET source = 'markdown:' || source WHERE source IS NOT NULL AND source NOT LIKE 'markdown:%';
-- Written again by the next import, which fills `topics_text` and `body_text`.
UPDATE articles SET digest = NULL;
DROP TABLE IF EXISTS articles_fts;
-- The search index reads its text from `articles` (external content, no copy). The body's plain text is a column
-- the write path fills from the typed blocks: FTS5 cannot read a view that takes it from the JSON (json_tree),
-- its 'rebuild' fails with "SQL logic error".
ALTER TABLE articles ADD COLUMN body_text TEXT NOT NULL DEFAULT '';
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    headline, standfirst, body_text, topics_text, content = 'articles', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_search_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, headline, standfirst, body_text, topics_text)
        VALUES (NEW.id, NEW.headline, NEW.standfirst, NEW.body_text, NEW.topics_text);
END;
CREATE TRIGGER articles_search_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, headline, standfirst, body_text, topics_text)
        VALUES ('delete', OLD.id, OLD.headline, OLD.standfirst, OLD.body_text, OLD.topics_text);
END;
CREATE TRIGGER articles_search_update AFTER UPDATE OF headline, standfirst, body_text, topics_text
ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, headline, standfirst, body_text, topics_text)
        VALUES ('delete', OLD.id, OLD.headline, OLD.standfirst, OLD.body_text, OLD.topics_text);
    INSERT INTO articles_fts (rowid, headline, standfirst, body_text, topics_text)
        VALUES (NEW.id, NEW.headline, NEW.standfirst, NEW.body_text, NEW.topics_text);
END;
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
-- A queued message is text (7-bit MIME), as on PostgreSQL and as the store reads and writes it; the column was
-- declared BLOB. SQLite changes a column's type by rebuilding the table.
CREATE TABLE mail_queue_text (
    id            INTEGER PRIMARY KEY,
    dedupe        TEXT NOT NULL UNIQUE,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
    recipient     TEXT NOT NULL,
    edition_key   TEXT REFERENCES editions(key),
    message       TEXT,
    state         TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_attempt  INTEGER NOT NULL,
    last_error    TEXT,
    created       INTEGER NOT NULL,
    sent          INTEGER
);
INSERT INTO mail_queue_text
SELECT id, dedupe, subscriber_id, recipient, edition_key, CAST(message AS TEXT), state, attempts, next_attempt,
       last_error, created, sent
FROM mail_queue;
DROP TABLE mail_queue;
ALTER TABLE mail_queue_text RENAME TO mail_queue;
CREATE INDEX mail_queue_due ON mail_queue (state, next_attempt, id);
CREATE INDEX mail_queue_by_edition ON mail_queue (edition_key, state);
