-- Version 6: the front page's top stories (`featured = 1`, newest first) read from an index of the featured
-- articles alone. Without it, PostgreSQL at 1,000,000 articles scanned the whole table for the 5 newest of 16
-- featured articles (0.31 s a front page, 3.75 requests/s; with the index 5.5 ms and 1,599 requests/s), and SQLite
-- walked the date index until it met 5, which is fast only while the featured articles are the newest
-- (docs/search.md, "Reads at 1,000,000 articles").
CREATE INDEX IF NOT EXISTS articles_featured ON articles (published DESC, id DESC) WHERE featured = 1;
