-- Version 4: search moves out of the database into an embedded index per instance (broadsheet-search), fed from
-- here. Every change to what is searched is written to `search_outbox` in the article's own transaction, by
-- triggers whoever writes; each instance applies the outbox after the position its index last reached, and can
-- always rebuild the index from `articles` (docs/search.md). FTS5 is no longer the engine.
DROP TRIGGER IF EXISTS articles_search_insert;
DROP TRIGGER IF EXISTS articles_search_delete;
DROP TRIGGER IF EXISTS articles_search_update;
DROP TABLE IF EXISTS articles_fts;
-- `seq` only grows (AUTOINCREMENT never reuses a pruned number), so a position in it means the same forever.
CREATE TABLE search_outbox (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id INTEGER NOT NULL
);
CREATE TRIGGER articles_outbox_insert AFTER INSERT ON articles BEGIN
    INSERT INTO search_outbox (article_id) VALUES (NEW.id);
END;
CREATE TRIGGER articles_outbox_delete AFTER DELETE ON articles BEGIN
    INSERT INTO search_outbox (article_id) VALUES (OLD.id);
END;
CREATE TRIGGER articles_outbox_update
AFTER UPDATE OF headline, standfirst, body_text, topics_text, section_id, published ON articles BEGIN
    INSERT INTO search_outbox (article_id) VALUES (NEW.id);
END;
