-- In-page notices.
CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL, -- 'submitted' | 'assigned' | 'returned' | 'awarded' | ...
    params TEXT NOT NULL DEFAULT '{}', -- JSON for the catalog text's {slots}
    link TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX notifications_user ON notifications(user_id, read_at);

-- Emails are written here in the same transaction as the event, then sent by a background
-- sender with retries: a user action never fails because the mail server is slow or down.
CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    sent_at BIGINT,
    last_error TEXT
);
CREATE INDEX outbox_pending ON outbox(sent_at, next_attempt_at);
