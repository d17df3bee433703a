-- One award per status-list slot. Awards are issued from several places at once (a decision,
-- a bulk issue run, another app node); if two ever pick the same index, the second insert
-- fails and is retried instead of two credentials sharing one revocation bit.
CREATE UNIQUE INDEX awards_status_slot ON awards(status_list_id, status_list_index);
CREATE INDEX awards_version ON awards(version_id);
