-- gradsum store, schema version 2: the tables are the one record of a run. What result.json and
-- report.html show and the version-1 tables did not hold is added here; the version-1 JSON dump of a
-- finished run (runs.result_json) is moved into these columns and tables once, then dropped
-- (StoreV1Results, run after this script in the same transaction).

-- What the run was asked to do, written when it starts or resumes.
ALTER TABLE runs ADD COLUMN task_description TEXT;
ALTER TABLE runs ADD COLUMN task_file TEXT;
ALTER TABLE runs ADD COLUMN run_folder TEXT;
ALTER TABLE runs ADD COLUMN search_beam INTEGER;
ALTER TABLE runs ADD COLUMN search_iterations INTEGER;
ALTER TABLE runs ADD COLUMN search_candidates INTEGER;
ALTER TABLE runs ADD COLUMN search_minibatch INTEGER;
ALTER TABLE runs ADD COLUMN search_patience INTEGER;
ALTER TABLE runs ADD COLUMN search_summarize INTEGER;
ALTER TABLE runs ADD COLUMN search_bootstrap_samples INTEGER;
ALTER TABLE runs ADD COLUMN search_seed INTEGER;
ALTER TABLE runs ADD COLUMN budget_usd REAL;
ALTER TABLE runs ADD COLUMN budget_calls INTEGER;
ALTER TABLE runs ADD COLUMN budget_tokens INTEGER;

-- What the search returned, written when it returns (elapsed_ms is set exactly when the run has a
-- result; best_id then is the result's best candidate). The test_* columns stay NULL without a final
-- test; a score that does not exist (nothing rated) is NULL too.
ALTER TABLE runs ADD COLUMN initial_id TEXT;
ALTER TABLE runs ADD COLUMN elapsed_ms INTEGER;
ALTER TABLE runs ADD COLUMN test_rows INTEGER;
ALTER TABLE runs ADD COLUMN test_initial REAL;
ALTER TABLE runs ADD COLUMN test_best REAL;
ALTER TABLE runs ADD COLUMN test_low REAL;
ALTER TABLE runs ADD COLUMN test_high REAL;
ALTER TABLE runs ADD COLUMN test_initial_errors INTEGER;
ALTER TABLE runs ADD COLUMN test_best_errors INTEGER;

-- The model of each role (after fallbacks): names only, never keys or base URLs.
CREATE TABLE run_models (
    run_id   TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    role     TEXT NOT NULL,
    provider TEXT NOT NULL,
    model    TEXT NOT NULL,
    PRIMARY KEY (run_id, role)
);

-- Further settings worth showing (split sizes, metric, concurrency...), as text, in display order.
CREATE TABLE run_settings (
    run_id   TEXT    NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name     TEXT    NOT NULL,
    value    TEXT    NOT NULL,
    PRIMARY KEY (run_id, position)
);

-- The rated row's example fields, as a JSON object (the report shows a test row's fields).
ALTER TABLE evaluations ADD COLUMN fields_json TEXT;
