-- The time a run spent over all its attempts (issue 10): when the current attempt started, and the
-- time of the earlier ones (each from its start to its last write), so a resumed run's elapsed time
-- covers every attempt.
ALTER TABLE runs ADD COLUMN attempt_started INTEGER;
ALTER TABLE runs ADD COLUMN earlier_ms INTEGER NOT NULL DEFAULT 0;
