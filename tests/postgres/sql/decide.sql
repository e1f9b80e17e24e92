-- gavel_decide and gavel_allows: decisions, refusals, a broken policy, NULLs.
CREATE EXTENSION gavel;
\set flexis `cat "$GAVEL_SOURCE/rules/flexis.gavel"`
\set tilleuls `cat "$GAVEL_SOURCE/rules/tilleuls.gavel"`
\set allowed `cat "$GAVEL_SOURCE/examples/requests/newsletter-allowed.json"`
\set withdrawn `cat "$GAVEL_SOURCE/examples/requests/newsletter-consent-withdrawn.json"`

-- The response of the contract, as `gavel decide` writes it.
SELECT gavel_decide(:'flexis', :'allowed');
SELECT gavel_decide(:'flexis', :'withdrawn');
SELECT gavel_allows(:'flexis', :'allowed'), gavel_allows(:'flexis', :'withdrawn');
SELECT gavel_decide(:'flexis', :'allowed') ->> 'decision' AS decision,
       gavel_decide(:'flexis', :'withdrawn') -> 'decided_by' AS decided_by;

-- Two policies in one query: each call site keeps its own.
SELECT gavel_decide(:'flexis', :'allowed') ->> 'decision' AS flexis,
       gavel_decide(:'tilleuls', :'allowed') -> 'error' ->> 'code' AS tilleuls;

-- A malformed request is never decided: gavel_decide answers with the error object ...
SELECT gavel_decide(:'flexis', jsonb_set(:'allowed', '{purpose}', '"newslettr"'));
SELECT gavel_decide(:'flexis', :'allowed'::jsonb - 'purpose');
SELECT gavel_decide(:'flexis', '[1, 2]');
SELECT gavel_decide(:'flexis', jsonb_set(:'allowed', '{at}', '"2026-02-30"'));
SELECT gavel_decide(:'flexis', jsonb_set(:'allowed', '{colour}', '"blue"'));
-- ... a key given twice never reaches gavel: jsonb keeps the last one.
SELECT '{"purpose": "a", "purpose": "newsletter"}'::jsonb;
-- ... and gavel_allows raises an SQL error rather than answer false.
SELECT gavel_allows(:'flexis', jsonb_set(:'allowed', '{purpose}', '"newslettr"'));
SELECT gavel_allows(:'flexis', '{}');

-- A policy with errors is an SQL error whose DETAIL is what `gavel check` prints.
SELECT gavel_decide(E'policy x {\n  purpose y\n', :'allowed');
SELECT gavel_allows(E'controller "x"\npurpose newsletter {\n  basis consent\n  data identity\n}\n', :'allowed');
SELECT gavel_allows('', :'allowed');

-- STRICT: NULL in, NULL out.
SELECT gavel_decide(NULL, :'allowed') IS NULL AS null_policy, gavel_allows(:'flexis', NULL) IS NULL AS null_request;

-- Declared as the planner needs them.
SELECT proname, provolatile, proparallel, proisstrict, procost
  FROM pg_proc WHERE proname LIKE 'gavel\_%' ORDER BY proname;
SHOW gavel.policy_cache_size;
