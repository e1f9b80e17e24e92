// Copied from the FLEXIS peers harness (peers/gen.mjs, alongside the product brief), kept here
// so that gavel's comparison is self-contained; since extended for the rule file as the legal
// review corrected it: the basis of record of events participants, objections to every e-mail
// (group email_communications), the person's consent to processing despite a restriction,
// messages that send information on FLEXIS's activities, and
// the recipients' categories of lib/vocab.mjs (OVH's changed).
// Deterministic generator of FLEXIS processing-decision requests (JSON lines, request contract
// of PRODUCT.md). Same --seed and --n => byte-identical output.
//
//   node gen.mjs --n 10000 --seed 42 [--out data/requests.jsonl]
//
// The mix is built to exercise every rule of the six actions and their overrides, with about
// half of the requests allowed: each request starts from a plausible situation for its purpose, then
// independent, low-probability perturbations break one rule or another (a foreign data
// category, a withdrawn consent, an objection, an expired retention period, an active
// restriction, an unlisted recipient, a third country, unlawful processing). Some facts are left
// out (a consent record, a retention date, an events participant's basis): unknown to gavel. Retention
// boundaries (the last day, the day after, 29 February anchors) are generated on purpose.
// All dates lie in 2023-01-01 .. 2028-12-31.
import fs from 'node:fs';
import {
  ACTIONS, PURPOSES, CATEGORIES, PURPOSE_DATA, RETENTION, RECIPIENT_DATA, EEA, ADEQUACY,
  CONTEXT_FLAGS, CONSENT_DESPITE_RESTRICTION, INFORMATION_ON_OUR_ACTIVITIES, addYears, dayNum, fromDayNum,
} from './lib/vocab.mjs';

// ---- seeded PRNG: splitmix32 to seed, then sfc32 ----------------------------------------
function splitmix32(a) {
  return () => {
    a |= 0; a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16); t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15; t = Math.imul(t, 0x735a2d97);
    return ((t ^ (t >>> 15)) >>> 0);
  };
}
export function makeRng(seed) {
  const sm = splitmix32(seed >>> 0);
  let a = sm(), b = sm(), c = sm(), d = sm();
  const next = () => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

const MIN_DAY = dayNum('2023-01-01');
const MAX_DAY = dayNum('2028-12-31');
const ANCHOR_YEARS = { last_contact: 3, event_end: 2, last_connection: 1 };
const THIRD_COUNTRIES = ['US', 'CN', 'IN', 'BR', 'RU', 'SG', 'AU', 'ZA', 'TR', 'MA'];

export function makeGenerator(seed) {
  const rnd = makeRng(seed);
  const chance = (p) => rnd() < p;
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1)); // inclusive
  const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
  const pickW = (weights) => {
    const entries = Object.entries(weights);
    let total = 0; for (const [, w] of entries) total += w;
    let x = rnd() * total;
    for (const [k, w] of entries) { if ((x -= w) < 0) return k; }
    return entries[entries.length - 1][0];
  };
  const sample = (arr, k) => { // k distinct elements, in the order of arr
    const idx = arr.map((_, i) => i);
    for (let i = idx.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [idx[i], idx[j]] = [idx[j], idx[i]]; }
    return idx.slice(0, k).sort((x, y) => x - y).map((i) => arr[i]);
  };
  const clampDay = (n) => Math.min(MAX_DAY, Math.max(MIN_DAY, n));
  const day = (n) => fromDayNum(clampDay(n));

  return function next() {
    const P = pickW({ prospecting: 25, newsletter: 25, contact_requests: 20, events: 15, security: 15 });
    const action = pickW({ use: 3, communicate: 3, store: 2, collect: 2, disclose: 1, transfer: 1 });
    const atN = int(MIN_DAY, MAX_DAY);
    const at = fromDayNum(atN);
    const req = { action, purpose: P, data: null };

    // recipient (absent = own staff) and data categories
    let recipient = null;
    if (!chance(0.5)) {
      recipient = pickW({ salesforce: 40, cloudflare: 10, ovh: 8, adveris: 6, authorities: 9,
        acquirer: 3, social_networks: 3, cookie_partners: 3 });
    }
    const base = PURPOSE_DATA[P];
    let pool = base;
    if (recipient && RECIPIENT_DATA[recipient] && !chance(0.03)) {
      const inter = base.filter((d) => RECIPIENT_DATA[recipient].includes(d));
      if (inter.length) pool = inter;
    }
    const data = sample(pool, int(1, Math.min(4, pool.length)));
    if (chance(0.05)) { // data outside the purpose: a declared category foreign to it
      const foreign = CATEGORIES.filter((c) => !base.includes(c) && !data.includes(c));
      data.push(pick(foreign));
    }
    req.data = data;
    if (recipient) req.recipient = recipient;

    // country (absent = inside the EEA)
    const cr = rnd();
    if (cr < 0.55) { /* absent */ } else if (cr < 0.75) req.country = pick(EEA);
    else if (cr < 0.88) req.country = pick(ADEQUACY);
    else req.country = pick(THIRD_COUNTRIES);
    req.at = at;

    // subject
    const subject = {};
    const consent = {};
    for (const Q of PURPOSES) {
      const prob = Q === P ? (P === 'events' ? 0.6 : 0.93) : 0.15;
      if (!chance(prob)) continue;
      let givenN = chance(0.92) ? atN - int(0, 900) : atN + int(1, 300);
      if (chance(0.02)) givenN = atN; // boundary: given on the day of the action
      let withdrawn = null;
      if (chance(0.2)) {
        const wN = chance(0.04) ? atN : clampDay(givenN) + int(1, 1500); // boundary: withdrawn that day
        withdrawn = day(wN);
      }
      consent[Q] = { given: day(givenN), withdrawn };
    }
    subject.consent = consent;

    // events: each participant's basis of record, mostly the one the consent record suggests
    if (P === 'events' && chance(0.9)) {
      const consented = consent.events && chance(0.85);
      subject.bases = { events: consented ? 'consent' : 'legitimate_interest' };
    }

    const objections = [];
    if (chance(0.18)) {
      const k = chance(0.8) ? 1 : 2;
      for (let i = 0; i < k; i++) {
        const x = rnd();
        const to = x < 0.3 ? 'direct_marketing' : x < 0.4 ? 'email_communications' : x < 0.875 ? P : pick(PURPOSES);
        const oN = chance(0.03) ? atN : atN + int(-700, 250); // boundary: objection that day
        objections.push({ to, at: day(oN) });
      }
    }
    subject.objections = objections;

    if (chance(0.1)) {
      const sN = chance(0.03) ? atN : atN + int(-400, 120);
      let until = null;
      if (chance(0.5)) until = day(chance(0.05) ? atN : clampDay(sN) + int(0, 500));
      subject.restriction = { since: day(sN), until };
    } else if (chance(0.5)) {
      subject.restriction = null;
    }

    subject.unlawful = chance(0.008);
    if (!subject.unlawful && chance(0.2)) delete subject.unlawful;

    // retention anchor dates
    const { anchor, years } = RETENTION[P];
    const dates = {};
    for (const name of ['last_contact', 'event_end', 'last_connection']) {
      const relevant = name === anchor;
      if (!chance(relevant ? 0.985 : 0.3)) continue;
      const n = ANCHOR_YEARS[name];
      const mode = rnd();
      let aN;
      if (relevant && mode < 0.06) {
        // boundary: the retention period ends within a day or two of 'at'
        const endN = dayNum(addYears(at, -n)); // anchor whose end is close to at
        aN = endN + int(-2, 2);
      } else if (relevant && mode < 0.09) {
        // 29 February anchors (2024, 2028) and the days around their ends
        aN = dayNum(pick(['2024-02-29', '2024-02-28', '2024-03-01', '2028-02-29']));
      } else {
        aN = atN - int(0, Math.round(n * 365 * 1.12));
      }
      dates[name] = day(aN);
    }
    subject.dates = dates;
    req.subject = subject;

    // context: each flag mostly false, sometimes omitted when false
    const p = { legal_claims: 0.05, legal_obligation: 0.05, compelling_grounds: 0.1,
      protect_rights_of_others: 0.06, public_interest: 0.05, standard_contractual_clauses: 0.45,
      [CONSENT_DESPITE_RESTRICTION]: 0.05, [INFORMATION_ON_OUR_ACTIVITIES]: action === 'communicate' ? 0.3 : 0 };
    const context = {};
    for (const f of [...CONTEXT_FLAGS, CONSENT_DESPITE_RESTRICTION, INFORMATION_ON_OUR_ACTIVITIES]) {
      const v = chance(p[f]);
      if (v || chance(0.85)) context[f] = v;
    }
    req.context = context;
    return req;
  };
}

function parseArgs(argv) {
  const o = { n: 10000, seed: 42, out: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--n') o.n = Number(argv[++i]);
    else if (argv[i] === '--seed') o.seed = Number(argv[++i]);
    else if (argv[i] === '--out') o.out = argv[++i];
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return o;
}

import { fileURLToPath } from 'node:url';
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const o = parseArgs(process.argv.slice(2));
  const next = makeGenerator(o.seed);
  const lines = [];
  for (let i = 0; i < o.n; i++) lines.push(JSON.stringify(next()));
  const text = lines.join('\n') + '\n';
  if (o.out) { fs.writeFileSync(o.out, text); process.stderr.write(`gen: ${o.n} requests (seed ${o.seed}) -> ${o.out}\n`); }
  else process.stdout.write(text);
}
