-- Why each recipient of a held message was held, as a typed reason (the rule and what it
-- matched), JSON: [{"recipient":"a@b.example","rule":"quarantine_domain","detail":"*.b.example"}].
-- NULL for items held before reasons were recorded; those show their `reason` text.
ALTER TABLE quarantine_item ADD COLUMN holds VARCHAR;
-- The rules of `holds`, ",quarantine_domain,encryption_failed,", for the queue's reason filter.
ALTER TABLE quarantine_item ADD COLUMN hold_rules VARCHAR(400);

-- The message's subject holds personal data: notices about it (the sender's "opened" receipt)
-- must not repeat it.
ALTER TABLE portal_message ADD COLUMN subject_hidden BOOLEAN DEFAULT FALSE NOT NULL;

-- The sender's notice for a released message finds its item by the queue id it was released as.
CREATE INDEX quarantine_item_release_queue_id ON quarantine_item (release_queue_id);
