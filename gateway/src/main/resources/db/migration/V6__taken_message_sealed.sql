-- Telephone messages: what the caller said about themselves (name, where from, return number,
-- reason) is personal data, so it is now sealed at rest in `personal` (AES-256-GCM with the
-- master key's "taken-message" key, bound to the row's id). The clear columns stay for rows
-- written before this version: the gateway seals those on start and sets their clear columns
-- to NULL; new rows never fill them.
ALTER TABLE taken_message ADD COLUMN personal ${bytes};
ALTER TABLE taken_message ALTER COLUMN caller_name DROP NOT NULL;
ALTER TABLE taken_message ALTER COLUMN caller_from DROP NOT NULL;
ALTER TABLE taken_message ALTER COLUMN return_number DROP NOT NULL;
ALTER TABLE taken_message ALTER COLUMN reason DROP NOT NULL;
