-- Message bodies sealed in segments (store/SealedChunks), one row per 256 KB segment, so that a
-- large message is stored and read without holding it whole in memory. Rows stored before this
-- keep their body in the content column, which new rows leave empty.
CREATE TABLE quarantine_chunk (
    item_id  BIGINT   NOT NULL REFERENCES quarantine_item (id) ON DELETE CASCADE,
    seq      INTEGER  NOT NULL,
    data     ${bytes} NOT NULL,
    PRIMARY KEY (item_id, seq)
);

CREATE TABLE portal_chunk (
    message_id  BIGINT   NOT NULL REFERENCES portal_message (id) ON DELETE CASCADE,
    seq         INTEGER  NOT NULL,
    data        ${bytes} NOT NULL,
    PRIMARY KEY (message_id, seq)
);

ALTER TABLE quarantine_item ALTER COLUMN content DROP NOT NULL;
ALTER TABLE portal_message ALTER COLUMN content DROP NOT NULL;
