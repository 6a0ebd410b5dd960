-- Telephone messages: urgent is the taker's choice (those taken before were all sent urgent),
-- and the officer (or the colleague covering for them) marks when the caller was called back.
ALTER TABLE taken_message ADD COLUMN urgent BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE taken_message ADD COLUMN called_back_at BIGINT;
ALTER TABLE taken_message ADD COLUMN called_back_by VARCHAR(512);
