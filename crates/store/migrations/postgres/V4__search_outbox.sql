-- Version 4: search moves out of the database into an embedded index per instance (broadsheet-search), fed from
-- here. Every change to what is searched is written to `search_outbox` in the article's own transaction, by
-- triggers whoever writes; each instance applies the outbox after the position its index last reached, and can
-- always rebuild the index from `articles` (docs/search.md). The `tsvector` is no longer the engine.
DROP INDEX IF EXISTS articles_document;
ALTER TABLE articles DROP COLUMN IF EXISTS document;
-- Every writer of `articles` takes the write path's transaction-scoped advisory lock (`db::schema::ADVISORY_LOCK`,
-- 0x42726f616473) before it numbers a change, here in the trigger as in `db::write::apply`, so `seq` is taken in
-- commit order whoever writes: an instance that has read position N has seen every change numbered up to N.
CREATE TABLE search_outbox (
    seq        BIGSERIAL PRIMARY KEY,
    article_id BIGINT NOT NULL
);
CREATE FUNCTION articles_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(73059262358643);
    IF TG_OP = 'DELETE' THEN
        INSERT INTO search_outbox (article_id) VALUES (OLD.id);
        RETURN OLD;
    END IF;
    INSERT INTO search_outbox (article_id) VALUES (NEW.id);
    RETURN NEW;
END;
$$;
CREATE TRIGGER articles_outbox_insert_delete AFTER INSERT OR DELETE ON articles
    FOR EACH ROW EXECUTE FUNCTION articles_outbox();
CREATE TRIGGER articles_outbox_update
AFTER UPDATE OF headline, standfirst, body_text, topics_text, section_id, published ON articles
    FOR EACH ROW EXECUTE FUNCTION articles_outbox();
