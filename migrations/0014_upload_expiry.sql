-- tus uploads expire (the Upload-Expires header): an unfinished upload untouched until then is
-- removed with its .part file by the sweep (evidence/upload_quota.hpp). 0 on rows made before
-- this migration: they expire a day after they were created.
ALTER TABLE uploads ADD COLUMN expires_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX uploads_owner_open ON uploads(owner_id, completed_at);
