-- Version 9: most read. Reads of each article counted by the hour (hours since the Unix epoch, UTC), written in
-- batches by each instance (`db::reads::record`); nothing that names a reader is stored. An article's counts go
-- with it. The list reads the last day's rows by hour.
CREATE TABLE IF NOT EXISTS article_reads (
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    hour       BIGINT NOT NULL,
    reads      BIGINT NOT NULL,
    PRIMARY KEY (article_id, hour)
);
CREATE INDEX IF NOT EXISTS article_reads_by_hour ON article_reads (hour, article_id);
