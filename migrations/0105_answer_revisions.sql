-- Each written answer carries a revision number, raised by every save. An offline client sends the
-- revision its edit started from; a stale one is refused (409) so two devices never overwrite
-- each other silently.
ALTER TABLE submission_answers ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
