-- Version 11: the live blog's state as its content source last gave it (JSON: status, coverage, pinned), so that a
-- source's next read changes the blog's state only when the source's own state changed, and an editor's pin or
-- ending stays (db::write::live::sync).
ALTER TABLE live_blogs ADD COLUMN source_state TEXT;
