-- Browsers a person has signed in from (the mc_device cookie): sign-in attempts from them skip
-- the guessing budgets of the account and the address (src/accounts/sign_in_throttle.hpp). One
-- browser may be known for several accounts (a center's shared computer). Only a hash of the
-- cookie value is stored.
CREATE TABLE known_devices (
    token_hash TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL,
    PRIMARY KEY (token_hash, user_id)
);
CREATE INDEX known_devices_user ON known_devices(user_id);
