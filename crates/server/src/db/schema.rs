use rusqlite::Connection;

/// Creates the tables on first start; safe to run on every start.
pub fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        r#"
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
            UNIQUE (section_id, slug)
        );
        CREATE INDEX IF NOT EXISTS articles_by_section ON articles (section_id, published DESC, id DESC);
        CREATE INDEX IF NOT EXISTS articles_by_date ON articles (published DESC, id DESC);
        CREATE INDEX IF NOT EXISTS articles_by_kind ON articles (kind, published DESC, id DESC);
        CREATE TABLE IF NOT EXISTS article_tags (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            tag        TEXT NOT NULL,
            PRIMARY KEY (article_id, tag)
        );
        CREATE INDEX IF NOT EXISTS article_tags_by_tag ON article_tags (tag, article_id);
        -- Topics: every tag is one, by slug (article_tags.tag holds the slug); content/topics.toml names and
        -- describes them.
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
            updated    TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS comments_by_article ON comments (article_id, status, created);
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
        -- Posts by client, for the rate limits (`http::rate_limit`): in the database, so that every instance
        -- counts the same posts.
        CREATE TABLE IF NOT EXISTS rate_hits (
            bucket TEXT NOT NULL,
            at     INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS rate_hits_by_bucket ON rate_hits (bucket, at);
        CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5 (
            headline, standfirst, body, tags, tokenize = 'porter unicode61 remove_diacritics 2'
        );
        "#,
    )?;
    // Posted comments carry the key their client chose, so a retried post is stored once; imported ones are
    // told apart by author and time.
    let has_key: bool = conn.query_row(
        "SELECT COUNT(*) > 0 FROM pragma_table_info('comments') WHERE name = 'key'",
        [],
        |r| r.get(0),
    )?;
    if !has_key {
        conn.execute_batch("ALTER TABLE comments ADD COLUMN key TEXT;")?;
    }
    // What the import stored for each article, digested: an import that finds the same skips it, and one that
    // finds another purges it from shared caches (`import::changes`).
    let has_digest: bool = conn.query_row(
        "SELECT COUNT(*) > 0 FROM pragma_table_info('articles') WHERE name = 'digest'",
        [],
        |r| r.get(0),
    )?;
    if !has_digest {
        conn.execute_batch("ALTER TABLE articles ADD COLUMN digest TEXT;")?;
    }
    conn.execute_batch(
        "DROP INDEX IF EXISTS comments_demo_once;
         CREATE UNIQUE INDEX IF NOT EXISTS comments_posted_once ON comments (article_id, key)
             WHERE key IS NOT NULL;
         CREATE UNIQUE INDEX IF NOT EXISTS comments_imported_once ON comments (article_id, author, created)
             WHERE key IS NULL;",
    )?;
    crate::newsletter::store::migrate(conn)?;
    // A database from before the counts table: fill it once from the articles.
    conn.execute_batch(
        "INSERT INTO article_counts (section_id, kind, n)
             SELECT section_id, kind, COUNT(*) FROM articles
             WHERE NOT EXISTS (SELECT 1 FROM article_counts) GROUP BY section_id, kind;",
    )
}
