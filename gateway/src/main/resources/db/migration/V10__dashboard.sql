-- The dashboard's figures, counted per day (in the gateway's time zone) as things happen, by
-- every node, so that a chart of 30 days reads 30 rows a series, not every item: items held
-- and decided (written in the item's own transaction), finding types and recipient domains of
-- held mail, protected deliveries per route, out-of-office replies sent.
CREATE TABLE daily_count (
    count_day VARCHAR(10)  NOT NULL,      -- 2026-12-06
    name      VARCHAR(300) NOT NULL,      -- held, released, ..., finding:UK_NINO, domain:gp.example,
                                          -- protected.smime, protected.tls, protected.portal, ooo.reply
    total     BIGINT       NOT NULL,
    PRIMARY KEY (count_day, name)
);

-- What is still waiting, and how long decisions took, over a large quarantine.
CREATE INDEX quarantine_item_decided_at ON quarantine_item (decided_at);
CREATE INDEX quarantine_item_status_held_at ON quarantine_item (status, held_at);
CREATE INDEX portal_message_created ON portal_message (created_at);
