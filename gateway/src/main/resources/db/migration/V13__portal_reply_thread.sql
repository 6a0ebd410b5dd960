-- The original's Message-ID and References, so that a secure reply threads under it in the
-- sender's mail program (In-Reply-To, References). NULL for messages kept before.
ALTER TABLE portal_message ADD COLUMN message_id VARCHAR(998);
ALTER TABLE portal_message ADD COLUMN message_refs VARCHAR;
