-- gavel 0.1: decisions of a gavel policy in SQL (docs/postgres.md).
\echo Use "CREATE EXTENSION gavel" to load this file. \quit

-- IMMUTABLE: the answer depends on the arguments alone. The policy is the text passed, the
-- request carries its own day (`at`); nothing reads a clock, a table or a setting. So the
-- planner may fold a call on constants and parallel workers may run it. COST: a decision is
-- a few microseconds, about a hundred times a simple operator.

CREATE FUNCTION gavel_decide(policy text, request jsonb) RETURNS jsonb
  AS 'MODULE_PATHNAME', 'gavel_decide'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 100;
COMMENT ON FUNCTION gavel_decide(text, jsonb) IS
  'the response of the request contract: decision, decided_by, obligations, ...; or {"error": ...} for a malformed request';

CREATE FUNCTION gavel_allows(policy text, request jsonb) RETURNS boolean
  AS 'MODULE_PATHNAME', 'gavel_allows'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 100;
COMMENT ON FUNCTION gavel_allows(text, jsonb) IS
  'true when the policy allows the request; a malformed request is an SQL error, never false';

-- The obligations due on `day` for one person (their `subject` object of the request contract,
-- and what the controller asserts, `context`): erase or archive a purpose's data, by `due` (the
-- day swept, for an obligation without undue delay, as `gavel sweep` writes it), under `rule`.
-- A sweep is this function over a table of persons, as `gavel sweep` is over a file.
CREATE FUNCTION gavel_obligations(policy text, subject jsonb, day date, context jsonb)
  RETURNS TABLE (purpose text, data text[], duty text, due date, rule text, title text, source text, cites text[])
  AS 'MODULE_PATHNAME', 'gavel_obligations'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 500 ROWS 1;
CREATE FUNCTION gavel_obligations(policy text, subject jsonb, day date)
  RETURNS TABLE (purpose text, data text[], duty text, due date, rule text, title text, source text, cites text[])
  AS 'MODULE_PATHNAME', 'gavel_obligations'
  LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 500 ROWS 1;
COMMENT ON FUNCTION gavel_obligations(text, jsonb, date, jsonb) IS
  'the obligations due on the day for one person; a malformed subject is an SQL error';
COMMENT ON FUNCTION gavel_obligations(text, jsonb, date) IS
  'the obligations due on the day for one person, nothing asserted; a malformed subject is an SQL error';
