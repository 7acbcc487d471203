-- Version 8: live blogs (`broadsheet_content::live`). A live blog is an article of kind `live` with a row here: its
-- status, coverage, pinned post and change sequence (`seq`, moved on by every post, edit, deletion, pin and status
-- change). Each post keeps the sequence of its last change; a deleted post stays as a tombstone (`deleted` = 1)
-- so that `changes?after=` can tell open pages to remove it. `origin` is who wrote a post (`editor` through the
-- API, or a content source's name): a source's complete read removes only its own posts. Posts go with their
-- article.
CREATE TABLE IF NOT EXISTS live_blogs (
    article_id     INTEGER NOT NULL PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    status         TEXT NOT NULL,
    coverage_start TEXT NOT NULL,
    coverage_end   TEXT,
    pinned         TEXT,
    seq            INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS live_posts (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    id         TEXT NOT NULL,
    origin     TEXT NOT NULL,
    title      TEXT,
    body_json  TEXT NOT NULL,
    published  TEXT NOT NULL,
    updated    TEXT,
    key_event  INTEGER NOT NULL,
    deleted    INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    PRIMARY KEY (article_id, id)
);
CREATE INDEX IF NOT EXISTS live_posts_by_seq ON live_posts (article_id, seq);
CREATE INDEX IF NOT EXISTS live_posts_by_time ON live_posts (article_id, published, id);
