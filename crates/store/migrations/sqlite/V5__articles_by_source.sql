-- Version 5: articles found by their source id (`origin:id`) through an index. Each write of a source's article
-- and each complete read of a source (which removes what the source no longer lists) looked articles up by
-- `source`, and without an index that read the whole table: at 100,000 articles an import of one changed file
-- read every row (375,000 page reads on SQLite) while readers searched. With (source, id) the lookups read the
-- index alone.
CREATE INDEX IF NOT EXISTS articles_by_source ON articles (source, id);
