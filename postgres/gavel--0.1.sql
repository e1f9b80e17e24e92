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
