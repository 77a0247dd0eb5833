-- gradsum store, schema version 6: provider batches (issue 15). A batch is written the moment the provider
-- created it, with each request's custom id and call-cache key, so after a crash, Ctrl-C or --resume the
-- batch is polled again and none of its requests is submitted twice. Answers are kept as they arrive
-- (batch_answers), then stored in call_cache by the call path like any answer.
CREATE TABLE batches (
    batch_id      TEXT PRIMARY KEY,
    provider      TEXT NOT NULL,
    model         TEXT NOT NULL,
    state         TEXT NOT NULL,
    request_count INTEGER NOT NULL,
    submitted     INTEGER NOT NULL,
    finished      INTEGER
);
CREATE INDEX batches_open ON batches (provider, model, finished);
CREATE TABLE batch_requests (
    batch_id  TEXT NOT NULL REFERENCES batches (batch_id),
    custom_id TEXT NOT NULL,
    key       TEXT NOT NULL,
    PRIMARY KEY (batch_id, custom_id)
);
CREATE TABLE batch_answers (
    key           TEXT PRIMARY KEY,
    text          TEXT NOT NULL,
    thinking      TEXT,
    input_tokens  INTEGER,
    output_tokens INTEGER,
    finish_reason TEXT,
    created       INTEGER NOT NULL
);
