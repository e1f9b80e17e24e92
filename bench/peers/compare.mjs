// gavel side by side with its peers on the same requests (run by ./run.sh):
//
//   node compare.mjs --name NAME --requests R.jsonl --gavel G.jsonl [--bench gavel_bench.json] [--seconds 3]
//
// --seconds 0: the cross-check only, no rates (they need a quiet machine).
//
// R.jsonl: the requests, one per line; G.jsonl: gavel's answer to each line, in order
// (`gavel decide rules/flexis.gavel --batch R.jsonl`); gavel_bench.json: the Google Benchmark
// output of gavel_bench run on the same requests (GAVEL_BENCH_TRAFFIC=R.jsonl).
//
// 1. Cross-check. The reference (oracle.mjs) covers the processing decisions of the six
//    actions collect, store, use, disclose, transfer, communicate (the rules of
//    rules/flexis.gavel that concern them); archive, erase and rights requests are gavel's
//    alone and only counted here.
//    Every request where gavel or Cedar differs from the reference is listed with the reason;
//    a difference no known reason explains makes the run fail (exit 1).
// 2. Rates, one thread, in this process: the reference on parsed requests and with JSON text
//    in and out, Cedar (statefulIsAuthorized on the preparsed policy set, conversion timed
//    apart, and end to end from JSON text), against gavel's figures from gavel_bench. Both
//    wall-clock and CPU-time rates are given: on a shared machine CPU time is the steadier.
import fs from 'node:fs';
import { decide as oracle } from './oracle.mjs';
import { setup, toCedar, authorizePreparsed, VERSION as CEDAR_VERSION } from './cedar.mjs';
import { ACTIONS } from './lib/vocab.mjs';

const args = { name: 'requests', requests: null, gavel: null, bench: null, seconds: 3, out: null };
for (let a = process.argv.slice(2), i = 0; i < a.length; i++) {
  const k = a[i].replace(/^--/, '');
  if (!(k in args)) throw new Error(`unknown argument ${a[i]}`);
  args[k] = typeof args[k] === 'number' ? Number(a[++i]) : a[++i];
}

const lines = fs.readFileSync(args.requests, 'utf8').split('\n').filter((l) => l.trim());
const requests = lines.map((l) => JSON.parse(l));
const answers = fs.readFileSync(args.gavel, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
if (answers.length !== requests.length) throw new Error(`${requests.length} requests but ${answers.length} gavel answers`);

const inScope = (r) => ACTIONS.includes(r.action);
const gavelDecision = (a) => (a.error ? 'refused' : a.decision);

// ---- why gavel may differ from the reference ------------------------------------------------
// Each entry: a test on (request, gavel's answer, the reference's answer) and the reason,
// checked against rules/flexis.gavel and the seed policy.
const KNOWN = [
  {
    id: 'incoherent-consent',
    test: (r, g) => g.error && /consent withdrawn on .* before it was given/.test(g.error.message),
    reason: 'the consent record is withdrawn before it was given: gavel refuses the request as malformed ' +
      '(docs/language.md, "Requests and responses": such a request is refused, never decided, never allowed), the reference decides it',
  },
  {
    id: 'incoherent-restriction',
    test: (r, g) => g.error && /restriction ends on .* before it starts/.test(g.error.message),
    reason: 'the restriction ends before it starts: gavel refuses the request as malformed (docs/language.md, "Requests and responses"), ' +
      'the reference decides it',
  },
];

function explain(r, g, o) {
  for (const k of KNOWN) if (k.test(r, g, o)) return k;
  return null;
}

// ---- 1. cross-check -----------------------------------------------------------------------
setup();
const scope = { checked: 0, gavel_allow: 0, gavel_deny: 0, gavel_refused: 0, oracle_allow: 0 };
const outside = {};
const differences = [];
const cedarDifferences = [];
let cedarErrors = 0;
for (let i = 0; i < requests.length; i++) {
  const r = requests[i];
  const g = answers[i];
  const gd = gavelDecision(g);
  if (!inScope(r)) {
    const key = r.action === 'request' ? `request (${r.right})` : r.action;
    outside[key] ||= { allow: 0, deny: 0, refused: 0 };
    outside[key][gd]++;
    continue;
  }
  scope.checked++;
  scope[`gavel_${gd}`]++;
  const o = oracle(r);
  if (o.decision === 'allow') scope.oracle_allow++;
  const c = authorizePreparsed(toCedar(r));
  cedarErrors += c.diagnostics.errors.length;
  if (c.decision !== o.decision) cedarDifferences.push({ line: i + 1, oracle: o.decision, cedar: c.decision });
  if (gd !== o.decision) {
    const k = explain(r, g, o);
    differences.push({
      line: i + 1, gavel: gd, gavel_by: g.error ? `${g.error.field}: ${g.error.message}` : g.decided_by.join(', '),
      oracle: o.decision, oracle_rule: o.rule, oracle_why: o.why, known: k ? k.id : null,
      reason: k ? k.reason : 'UNEXPLAINED', request: lines[i],
    });
  }
}

// ---- 2. rates -----------------------------------------------------------------------------
function loop(fn, inputs, seconds) {
  const n = inputs.length;
  for (let i = 0; i < Math.min(20000, n * 2); i++) fn(inputs[i % n]);
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const deadline = t0 + BigInt(Math.round(seconds * 1e9));
  let count = 0, t = t0, sink = 0;
  while (t < deadline) {
    for (let j = 0; j < 256; j++) if (fn(inputs[count++ % n])) sink++;
    t = process.hrtime.bigint();
  }
  const cpu = process.cpuUsage(cpu0);
  const wall = Number(t - t0) / 1e9;
  return { count, wall_per_second: count / wall, cpu_per_second: count / ((cpu.user + cpu.system) / 1e6), sink };
}

const timed = args.seconds > 0;
const processing = requests.filter(inScope);
const processingText = lines.filter((l, i) => inScope(requests[i]));
const t0 = process.hrtime.bigint();
const converted = timed ? processing.map((r) => toCedar(r)) : [];
const conversionUs = Number(process.hrtime.bigint() - t0) / 1000 / processing.length;

const rates = !timed ? {} : {
  'reference (plain JS), parsed request': loop((r) => oracle(r).decision === 'allow', processing, args.seconds),
  'reference (plain JS), JSON text in and out': loop((l) => JSON.stringify(oracle(JSON.parse(l))).length, processingText, args.seconds),
  [`Cedar ${CEDAR_VERSION} (cedar-wasm), preparsed, converted request`]: loop((c) => authorizePreparsed(c).decision === 'allow', converted, args.seconds),
  [`Cedar ${CEDAR_VERSION} (cedar-wasm), JSON text in, conversion included`]: loop((l) => authorizePreparsed(toCedar(JSON.parse(l))).decision === 'allow', processingText, Math.min(args.seconds, 2)),
};

const gavelRates = {};
if (args.bench) {
  const b = JSON.parse(fs.readFileSync(args.bench, 'utf8'));
  const name = { BM_DecideDecoded: 'gavel, decoded request (evaluate)', 'BM_DecideJson/trace:0': 'gavel, JSON text in and out (decide_json)',
    'BM_DecideJson/trace:1': 'gavel, JSON in and out with trace', BM_DecideDecodedTrace: 'gavel, decoded request with trace' };
  for (const run of b.benchmarks) {
    if (!(run.name in name) || run.run_type === 'aggregate') continue;
    const scale = { ns: 1e9, us: 1e6, ms: 1e3, s: 1 }[run.time_unit];
    gavelRates[name[run.name]] = { wall_per_second: scale / run.real_time, cpu_per_second: scale / run.cpu_time };
  }
}

// ---- report -------------------------------------------------------------------------------
const f0 = (x) => Math.round(x).toLocaleString('en-US');
const ratio = (a, b) => (b ? `${(a / b).toFixed(a / b >= 100 ? 0 : 1)}x` : 'n/a');
const out = [];
out.push(`## ${args.name}: ${requests.length.toLocaleString('en-US')} requests`, '');
out.push(`Cross-check on the ${scope.checked.toLocaleString('en-US')} processing requests of the six actions the reference covers:`);
out.push(`gavel ${scope.gavel_allow} allow / ${scope.gavel_deny} deny / ${scope.gavel_refused} refused; reference ${scope.oracle_allow} allow.`);
out.push(`- gavel differs from the reference on ${differences.length} (${differences.filter((d) => !d.known).length} unexplained);`);
out.push(`- Cedar differs from the reference on ${cedarDifferences.length}, with ${cedarErrors} policy evaluation errors.`);
const outsideText = Object.entries(outside).sort().map(([k, v]) => `${k} ${v.allow}/${v.deny}/${v.refused}`).join(', ');
out.push(`Outside the reference's scope, decided by gavel alone (allow/deny/refused): ${outsideText || 'none'}.`, '');
if (differences.length) {
  out.push('| line | gavel | reference | reason |', '|---|---|---|---|');
  for (const d of differences) {
    out.push(`| ${d.line} | ${d.gavel} (${d.gavel_by}) | ${d.oracle} (${d.oracle_rule}: ${d.oracle_why}) | ${d.reason} |`);
  }
  out.push('');
}
for (const d of cedarDifferences) out.push(`- Cedar differs on line ${d.line}: reference ${d.oracle}, Cedar ${d.cedar}`);
if (timed) {
  out.push(`Rates, one thread: gavel (gavel_bench, on all ${requests.length.toLocaleString('en-US')} requests), the peers on the processing requests they cover; Cedar's conversion (${conversionUs.toFixed(1)} µs/request) is timed apart from its preparsed rate.`, '');
  // Like with like: a peer that is handed a ready request (parsed, or converted for Cedar)
  // against gavel on a decoded request; JSON text in against decide_json.
  const gavelJson = gavelRates['gavel, JSON text in and out (decide_json)'];
  const gavelDecoded = gavelRates['gavel, decoded request (evaluate)'];
  out.push('| engine | decisions/s (wall) | decisions/s (CPU) | gavel is faster by (CPU) | compared with |', '|---|---|---|---|---|');
  for (const [k, v] of Object.entries({ ...gavelRates, ...rates })) {
    const json = k.includes('JSON text');
    const g = k.startsWith('gavel') ? null : json ? gavelJson : gavelDecoded;
    out.push(`| ${k} | ${f0(v.wall_per_second)} | ${f0(v.cpu_per_second)} | ${g ? ratio(g.cpu_per_second, v.cpu_per_second) : ''} | ${g ? (json ? 'decide_json' : 'gavel on a decoded request') : ''} |`);
  }
  out.push('');
}
const text = out.join('\n');
console.log(text);
if (args.out) fs.writeFileSync(args.out, JSON.stringify({ scope, outside, differences, cedarDifferences, cedarErrors, rates, gavelRates, conversionUs }, null, 1));
const unexplained = differences.filter((d) => !d.known).length + cedarDifferences.length + cedarErrors;
if (unexplained) {
  for (const d of differences.filter((x) => !x.known)) console.error(`UNEXPLAINED line ${d.line}: ${d.request}`);
  process.exitCode = 1;
}
