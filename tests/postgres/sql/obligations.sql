-- gavel_obligations: the obligations due for one person on a day, and a sweep over a table.
\set flexis `cat "$GAVEL_SOURCE/rules/flexis.gavel"`
\set withdrawn `cat "$GAVEL_SOURCE/examples/requests/newsletter-consent-withdrawn.json"`
\set allowed `cat "$GAVEL_SOURCE/examples/requests/newsletter-allowed.json"`

-- A consent withdrawn: the newsletter's data is due for erasure (or archive) that day.
SELECT purpose, data, duty, due, rule, source
  FROM gavel_obligations(:'flexis', :'withdrawn'::jsonb -> 'subject', '2026-09-07');
SELECT purpose, duty, due, rule, title, cites
  FROM gavel_obligations(:'flexis', :'withdrawn'::jsonb -> 'subject', '2026-09-07') LIMIT 1;
-- Years later, the archive ends too.
SELECT purpose, duty, due, rule FROM gavel_obligations(:'flexis', :'withdrawn'::jsonb -> 'subject', '2032-01-01');
-- A person with nothing due.
SELECT count(*) FROM gavel_obligations(:'flexis', :'allowed'::jsonb -> 'subject', '2026-01-01');
-- What the controller asserts may set a duty aside (legal claims keep the data).
SELECT purpose, duty, due, rule
  FROM gavel_obligations(:'flexis', :'withdrawn'::jsonb -> 'subject', '2026-09-07', '{"legal_claims": true}');
-- The day is a date, read as gavel reads it whatever the DateStyle.
SET datestyle = 'German, DMY';
SELECT purpose, duty, due FROM gavel_obligations(:'flexis', :'withdrawn'::jsonb -> 'subject', '2026-09-07') LIMIT 1;
RESET datestyle;

-- A malformed person is an SQL error, never an empty set of obligations.
SELECT * FROM gavel_obligations(:'flexis', '{"consent": {"newsletter": {"given": "2026-13-01", "withdrawn": null}}}', '2026-09-07');
SELECT * FROM gavel_obligations(:'flexis', '{"consent": {"newslettr": {"given": "2026-01-01", "withdrawn": null}}}', '2026-09-07');
SELECT * FROM gavel_obligations(:'flexis', '[]', '2026-09-07');
SELECT * FROM gavel_obligations(:'flexis', '{}', '2026-09-07', '{"legal_clams": true}');
SELECT * FROM gavel_obligations(:'flexis', '{}', '1850-01-01');
SELECT * FROM gavel_obligations(:'flexis', '{}', 'infinity');
SELECT count(*) FROM gavel_obligations(:'flexis', NULL, '2026-09-07');

-- A sweep over a table: whose data must be erased today, then the DELETE, in one transaction.
CREATE TABLE people (id int PRIMARY KEY, subject jsonb NOT NULL);
INSERT INTO people
  SELECT i, CASE WHEN i % 4 = 0 THEN :'withdrawn'::jsonb -> 'subject' ELSE :'allowed'::jsonb -> 'subject' END
  FROM generate_series(1, 4000) AS i;
ANALYZE people;
SELECT o.purpose, o.duty, o.due, o.rule, count(*)
  FROM people p, gavel_obligations(:'flexis', p.subject, '2026-09-07') o GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF)
  SELECT count(DISTINCT p.id) FROM people p, gavel_obligations(:'flexis', p.subject, '2026-09-07') o WHERE o.duty = 'erase';
SELECT count(DISTINCT p.id) FROM people p, gavel_obligations(:'flexis', p.subject, '2026-09-07') o WHERE o.duty = 'erase';
RESET max_parallel_workers_per_gather;
BEGIN;
CREATE TABLE erased (id int, purpose text, rule text, at date);
WITH due AS (
  SELECT p.id, o.purpose, o.rule FROM people p, gavel_obligations(:'flexis', p.subject, '2026-09-07') o
  WHERE o.duty = 'erase' AND o.due <= '2026-09-07'),
gone AS (DELETE FROM people WHERE id IN (SELECT id FROM due) RETURNING id)
INSERT INTO erased SELECT id, purpose, rule, '2026-09-07' FROM due WHERE id IN (SELECT id FROM gone);
COMMIT;
SELECT (SELECT count(*) FROM people) AS kept, (SELECT count(*) FROM erased) AS erased;
