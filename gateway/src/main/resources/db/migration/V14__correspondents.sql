-- Whom each internal sender writes to, for catching misdirected mail (misdirected:). Nothing
-- here is an address in clear: every value is a keyed hash (HMAC-SHA256 with a key derived from
-- the master key), so the table shows neither who sends nor who receives. One row per sender and
-- recipient address (kind 'A') and per sender and recipient domain (kind 'D'); shared by every
-- node, and rows not seen for misdirected.history_days are deleted.
CREATE TABLE correspondent (
    sender_hash        VARCHAR(32)   NOT NULL,   -- the internal sender
    item_hash          VARCHAR(32)   NOT NULL,   -- the recipient address, or its domain
    kind               CHAR(1)       NOT NULL,   -- A: address, D: domain
    local_hash         VARCHAR(32),              -- A: the local part alone (the same name at webmail)
    neighbours         VARCHAR(1100) NOT NULL,   -- keyed hashes of the strings one letter away (look-alikes)
    first_seen         BIGINT        NOT NULL,   -- epoch milliseconds
    last_seen          BIGINT        NOT NULL,
    messages           INTEGER       NOT NULL,
    sensitive_messages INTEGER       NOT NULL,
    PRIMARY KEY (sender_hash, item_hash)
);
CREATE INDEX correspondent_last_seen ON correspondent (last_seen);
