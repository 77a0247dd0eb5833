-- a first schema
CREATE TABLE first (x INTEGER);
INSERT INTO first VALUES (1);
