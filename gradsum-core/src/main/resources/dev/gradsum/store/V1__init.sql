-- gradsum store, schema version 1: the call cache, and every run with what it learned.
-- Migrations are applied in order inside one transaction; PRAGMA user_version holds the version.
-- Statements end with ';' at the end of a line. Times are epoch milliseconds (UTC).

-- One answered model call. key = SHA-256 of the canonical request (never the API key or base URL).
CREATE TABLE call_cache (
    key           TEXT    PRIMARY KEY,
    reply         TEXT    NOT NULL,
    input_tokens  INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    provider      TEXT    NOT NULL,
    model         TEXT    NOT NULL,
    role          TEXT    NOT NULL,
    cost_usd      REAL    NOT NULL,
    created       INTEGER NOT NULL
);

-- One optimize run. status: running, finished, stopped, failed, interrupted.
-- owner = host:pid:process-start of the process running it, to tell a crashed run from a live one.
CREATE TABLE runs (
    id          TEXT    PRIMARY KEY,
    task        TEXT    NOT NULL,
    config_json TEXT    NOT NULL,
    config_hash TEXT    NOT NULL,
    started     INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    finished    INTEGER,
    status      TEXT    NOT NULL,
    stop_reason TEXT,
    error       TEXT,
    best_id     TEXT,
    best_score  REAL,
    stage       TEXT,
    attempts    INTEGER NOT NULL DEFAULT 1,
    owner       TEXT,
    result_json TEXT
);
CREATE INDEX runs_by_config ON runs (config_hash, status);

-- What a run spent per model role, over all its attempts (a resumed run adds to it). A paid call is
-- counted in the same transaction that stores its reply in call_cache, so the two never disagree.
CREATE TABLE run_usage (
    run_id        TEXT    NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    role          TEXT    NOT NULL,
    calls         INTEGER NOT NULL DEFAULT 0,
    cached_calls  INTEGER NOT NULL DEFAULT 0,
    retries       INTEGER NOT NULL DEFAULT 0,
    failures      INTEGER NOT NULL DEFAULT 0,
    input_tokens  INTEGER NOT NULL DEFAULT 0,
    output_tokens INTEGER NOT NULL DEFAULT 0,
    cost_usd      REAL    NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, role)
);

-- Every prompt the search considered; feedback = the summary (or raw gradients) that produced it.
CREATE TABLE candidates (
    run_id    TEXT    NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    id        TEXT    NOT NULL,
    iteration INTEGER NOT NULL,
    parent_id TEXT,
    prompt    TEXT    NOT NULL,
    feedback  TEXT,
    PRIMARY KEY (run_id, id)
);

-- One rated row: purpose is train, validation or test.
CREATE TABLE evaluations (
    run_id       TEXT    NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    iteration    INTEGER NOT NULL,
    candidate_id TEXT    NOT NULL,
    purpose      TEXT    NOT NULL,
    example_id   TEXT    NOT NULL,
    input        TEXT    NOT NULL,
    output       TEXT    NOT NULL,
    gen_error    TEXT,
    score        REAL    NOT NULL,
    passed       INTEGER NOT NULL,
    reason       TEXT    NOT NULL,
    score_error  INTEGER NOT NULL
);
CREATE INDEX evaluations_by_candidate ON evaluations (run_id, candidate_id, purpose);

CREATE TABLE gradients (
    run_id       TEXT    NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    iteration    INTEGER NOT NULL,
    candidate_id TEXT    NOT NULL,
    example_id   TEXT    NOT NULL,
    text         TEXT    NOT NULL
);
CREATE INDEX gradients_by_candidate ON gradients (run_id, candidate_id);

CREATE TABLE summaries (
    run_id       TEXT    NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    iteration    INTEGER NOT NULL,
    candidate_id TEXT    NOT NULL,
    text         TEXT    NOT NULL,
    PRIMARY KEY (run_id, iteration, candidate_id)
);

CREATE TABLE drops (
    run_id    TEXT    NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    iteration INTEGER NOT NULL,
    parent_id TEXT    NOT NULL,
    reason    TEXT    NOT NULL
);

-- One finished iteration: the beam kept and the paired validation scores, as JSON.
CREATE TABLE iterations (
    run_id            TEXT    NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    idx               INTEGER NOT NULL,
    improved          INTEGER NOT NULL,
    best_id           TEXT    NOT NULL,
    best_score        REAL    NOT NULL,
    beam_json         TEXT    NOT NULL,
    train_scores_json TEXT    NOT NULL,
    scored_json       TEXT    NOT NULL,
    PRIMARY KEY (run_id, idx)
);
