-- gradsum store, schema version 3: what a run spent says which of its tokens gradsum counted itself
-- (the server reported no usage) and how many paid calls went to a model without a known price, so a
-- report made again from the store says "estimated" and "cost unknown" as the run did (issue 9).
-- Runs of earlier versions get 0: their outputs never said either.
ALTER TABLE run_usage ADD COLUMN estimated_calls INTEGER NOT NULL DEFAULT 0;
ALTER TABLE run_usage ADD COLUMN unpriced_calls INTEGER NOT NULL DEFAULT 0;
