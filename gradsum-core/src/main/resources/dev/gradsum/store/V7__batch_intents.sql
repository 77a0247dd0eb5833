-- gradsum store, schema version 7: batch submission intents (issue 15, "nothing is submitted twice"). Before
-- the provider is asked to create a batch, its token and its requests' call-cache keys are written here; the
-- batch's row in `batches` and the deletion of its intent are one transaction. An intent left behind (the
-- process died between the provider's acceptance and that transaction) is looked up at the provider by its
-- token on the next start (OpenAI: batch metadata; Gemini: the batch's display name) before its requests
-- are submitted anew.
CREATE TABLE batch_intents (
    token    TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    model    TEXT NOT NULL,
    created  INTEGER NOT NULL
);
CREATE TABLE batch_intent_requests (
    token    TEXT NOT NULL REFERENCES batch_intents (token),
    position INTEGER NOT NULL,
    key      TEXT NOT NULL,
    PRIMARY KEY (token, position)
);
