-- Broadsheet's schema on SQLite, version 1. Every statement is IF NOT EXISTS: a database from before versioned
-- migrations (db::schema::before_versions brings its columns up to date first) takes this as a no-op.
CREATE TABLE IF NOT EXISTS sections (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    position    INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    id            INTEGER PRIMARY KEY,
    section_id    INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
    slug          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    headline      TEXT NOT NULL,
    standfirst    TEXT NOT NULL,
    byline_name   TEXT,
    byline_role   TEXT,
    published     TEXT NOT NULL,
    updated       TEXT,
    featured      INTEGER NOT NULL DEFAULT 0,
    comments_open INTEGER NOT NULL DEFAULT 1,
    image_json    TEXT,
    body_json     TEXT NOT NULL,
    source        TEXT,
    -- What the import stored, digested: an import that finds the same skips the article (import::changes).
    digest        TEXT,
    UNIQUE (section_id, slug)
);
CREATE INDEX IF NOT EXISTS articles_by_section ON articles (section_id, published DESC, id DESC);
CREATE INDEX IF NOT EXISTS articles_by_date ON articles (published DESC, id DESC);
CREATE INDEX IF NOT EXISTS articles_by_kind ON articles (kind, published DESC, id DESC);
CREATE TABLE IF NOT EXISTS article_tags (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag        TEXT NOT NULL,
    position   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, tag)
);
CREATE INDEX IF NOT EXISTS article_tags_by_tag ON article_tags (tag, article_id);
-- Topics: every tag is one, by slug (article_tags.tag holds the slug); content/topics.toml names and describes them.
CREATE TABLE IF NOT EXISTS topics (
    slug        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
-- Authors with a page (content/authors.toml), and who each article's byline names, in order.
CREATE TABLE IF NOT EXISTS authors (
    slug       TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    role       TEXT,
    bio        TEXT NOT NULL DEFAULT '',
    photo_json TEXT,
    links_json TEXT NOT NULL DEFAULT '[]'
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS article_authors (
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    author_slug TEXT,
    role        TEXT,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX IF NOT EXISTS article_authors_by_author ON article_authors (author_slug, article_id);
CREATE TABLE IF NOT EXISTS comments (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    author     TEXT NOT NULL,
    body       TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('pending', 'published', 'rejected')),
    created    TEXT NOT NULL,
    updated    TEXT NOT NULL,
    -- Posted comments carry the key their client chose, so a retried post is stored once; imported ones are
    -- told apart by author and time.
    key        TEXT
);
CREATE INDEX IF NOT EXISTS comments_by_article ON comments (article_id, status, created);
CREATE UNIQUE INDEX IF NOT EXISTS comments_posted_once ON comments (article_id, key) WHERE key IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS comments_imported_once ON comments (article_id, author, created)
    WHERE key IS NULL;
-- How many articles each section holds of each kind, kept exact by triggers (whoever writes), so that a
-- listing's total is a sum over a few rows instead of a count over every article.
CREATE TABLE IF NOT EXISTS article_counts (
    section_id INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (section_id, kind)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS article_counts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO article_counts (section_id, kind, n) VALUES (NEW.section_id, NEW.kind, 1)
        ON CONFLICT (section_id, kind) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS article_counts_delete AFTER DELETE ON articles BEGIN
    UPDATE article_counts SET n = n - 1 WHERE section_id = OLD.section_id AND kind = OLD.kind;
END;
CREATE TRIGGER IF NOT EXISTS article_counts_update AFTER UPDATE OF section_id, kind ON articles BEGIN
    UPDATE article_counts SET n = n - 1 WHERE section_id = OLD.section_id AND kind = OLD.kind;
    INSERT INTO article_counts (section_id, kind, n) VALUES (NEW.section_id, NEW.kind, 1)
        ON CONFLICT (section_id, kind) DO UPDATE SET n = n + 1;
END;
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5 (
    headline, standfirst, body, tags, tokenize = 'porter unicode61 remove_diacritics 2'
);
-- Posts by client, for the rate limits (http::rate_limit): in the database, so every instance counts alike.
CREATE TABLE IF NOT EXISTS rate_hits (
    bucket TEXT NOT NULL,
    at     INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS rate_hits_by_bucket ON rate_hits (bucket, at);
-- The newsletter (newsletter::store).
CREATE TABLE IF NOT EXISTS settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
-- A reader who signed up: `pending` until the confirmation link is used, then `confirmed`. Unsubscribing
-- deletes the row (and, by cascade, what is queued for it).
CREATE TABLE IF NOT EXISTS subscribers (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL,
    email_key     TEXT NOT NULL UNIQUE,
    state         TEXT NOT NULL CHECK (state IN ('pending', 'confirmed')),
    confirm_nonce TEXT,
    manage_nonce  TEXT NOT NULL,
    signed_up     INTEGER NOT NULL,
    confirmed     INTEGER
);
CREATE TABLE IF NOT EXISTS subscriptions (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
    edition       TEXT NOT NULL,
    PRIMARY KEY (subscriber_id, edition)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS subscriptions_by_edition ON subscriptions (edition, subscriber_id);
-- An edition as built once for everyone: its parts with a placeholder for each reader's own links.
CREATE TABLE IF NOT EXISTS editions (
    key      TEXT PRIMARY KEY,
    edition  TEXT NOT NULL,
    subject  TEXT NOT NULL,
    html     TEXT NOT NULL,
    text     TEXT NOT NULL,
    articles INTEGER NOT NULL,
    built    INTEGER NOT NULL,
    slot     TEXT NOT NULL
) WITHOUT ROWID;
-- Outgoing mail. `dedupe` makes queueing the same mail twice a no-op (a resumed send); a `sent` row is the record
-- of the send. Confirmations carry their message; editions are built from `editions` when sent.
CREATE TABLE IF NOT EXISTS mail_queue (
    id            INTEGER PRIMARY KEY,
    dedupe        TEXT NOT NULL UNIQUE,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
    recipient     TEXT NOT NULL,
    edition_key   TEXT REFERENCES editions(key),
    message       BLOB,
    state         TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_attempt  INTEGER NOT NULL,
    last_error    TEXT,
    created       INTEGER NOT NULL,
    sent          INTEGER
);
CREATE INDEX IF NOT EXISTS mail_queue_due ON mail_queue (state, next_attempt, id);
CREATE INDEX IF NOT EXISTS mail_queue_by_edition ON mail_queue (edition_key, state);
