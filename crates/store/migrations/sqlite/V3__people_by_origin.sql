-- Version 3: several sources share the store. Authors and topics belong to the source that wrote them
-- (`db::write`), so a complete read of one source (the Markdown folder) no longer removes another's (WordPress's).
-- Every row before this version was written by the Markdown folder, the only source there was.
ALTER TABLE authors ADD COLUMN origin TEXT NOT NULL DEFAULT 'markdown';
ALTER TABLE topics ADD COLUMN origin TEXT NOT NULL DEFAULT 'markdown';
