-- The reasoning a model showed before its answer (<think> blocks, reasoning_content), kept apart
-- from the answer: with each rated row, and with each cached reply. NULL in rows written before.
ALTER TABLE evaluations ADD COLUMN reasoning TEXT;
ALTER TABLE call_cache ADD COLUMN reasoning TEXT;
