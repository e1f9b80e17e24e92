-- gavel_allows as a filter, on rows of a table, serial and in parallel workers.
\set allowed `cat "$GAVEL_SOURCE/examples/requests/newsletter-allowed.json"`
\set withdrawn `cat "$GAVEL_SOURCE/examples/requests/newsletter-consent-withdrawn.json"`
CREATE TABLE policies (name text PRIMARY KEY, body text NOT NULL);
\set flexis `cat "$GAVEL_SOURCE/rules/flexis.gavel"`
INSERT INTO policies VALUES ('flexis', :'flexis');
-- Stored out of line, as a table keeps a text this long: the extension keeps its compiled
-- policy by the stored value, not reading it again on every row.
SELECT pg_column_size(body) < length(body) AS compressed FROM policies;

CREATE TABLE subjects (id int PRIMARY KEY, request jsonb NOT NULL);
INSERT INTO subjects
  SELECT i, CASE WHEN i % 3 = 0 THEN :'withdrawn'::jsonb ELSE :'allowed'::jsonb END
  FROM generate_series(1, 6000) AS i;
ANALYZE subjects;

-- In a WHERE, with the policy a constant of the query, or read from the table once.
SELECT count(*) FROM subjects WHERE gavel_allows(:'flexis', request);
SELECT count(*) FROM subjects s, policies p WHERE p.name = 'flexis' AND NOT gavel_allows(p.body, s.request);
SELECT gavel_decide(p.body, s.request) ->> 'decision' AS decision, count(*)
  FROM subjects s, policies p WHERE p.name = 'flexis' GROUP BY 1 ORDER BY 1;
CREATE TABLE serial AS
  SELECT id, gavel_decide((SELECT body FROM policies WHERE name = 'flexis'), request) AS response FROM subjects;

-- Parallel workers decide too: PARALLEL SAFE, and the same answers.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF)
  SELECT count(*) FROM subjects WHERE gavel_allows((SELECT body FROM policies WHERE name = 'flexis'), request);
SELECT count(*) FROM subjects WHERE gavel_allows((SELECT body FROM policies WHERE name = 'flexis'), request);
CREATE FUNCTION workers_launched(query text) RETURNS int LANGUAGE plpgsql AS $$
DECLARE plan json;
BEGIN
  EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON) ' || query INTO plan;
  RETURN jsonb_path_query_first(plan::jsonb, 'lax $.**."Workers Launched"')::int;
END $$;
SELECT workers_launched($$SELECT count(*) FROM subjects WHERE gavel_allows((SELECT body FROM policies WHERE name = 'flexis'), request)$$) > 0
  AS workers_decided;
EXPLAIN (COSTS OFF)
  SELECT s.id, gavel_decide((SELECT body FROM policies WHERE name = 'flexis'), s.request) FROM subjects s;
SELECT count(*) AS differ FROM serial
  JOIN (SELECT s.id, gavel_decide((SELECT body FROM policies WHERE name = 'flexis'), s.request) AS response
        FROM subjects s) AS parallel USING (id)
  WHERE serial.response IS DISTINCT FROM parallel.response;
-- Every query in a worker, the filter too (a policy short enough to show in the plan).
\set tiny `cat "$GAVEL_SOURCE/tests/postgres/tiny.gavel"`
SET force_parallel_mode = on;
EXPLAIN (COSTS OFF, VERBOSE) SELECT id, gavel_decide(:'tiny', request) FROM subjects WHERE id < 3;
SELECT id, gavel_decide(:'tiny', request) -> 'error' ->> 'field' AS refused FROM subjects WHERE id < 3 ORDER BY id;
SELECT gavel_allows(:'tiny', '{"action": "use", "purpose": "newsletter", "data": ["identity"], "at": "2026-12-01",
  "subject": {"consent": {"newsletter": {"given": "2026-01-01", "withdrawn": null}}}}');
RESET force_parallel_mode;
SET max_parallel_workers_per_gather = 0;

-- A refused request in a filter stops the query: it is no decision, neither true nor false.
UPDATE subjects SET request = jsonb_set(request, '{purpose}', '"newslettr"') WHERE id = 4000;
SELECT count(*) FROM subjects WHERE gavel_allows(:'flexis', request);
SELECT id, gavel_decide(:'flexis', request) -> 'error' ->> 'code' AS refused
  FROM subjects WHERE gavel_decide(:'flexis', request) ? 'error';
