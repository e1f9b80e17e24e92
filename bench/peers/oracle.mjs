// Copied from the FLEXIS peers harness (peers/oracle.mjs, alongside the product brief), kept here
// so that gavel's comparison is self-contained; unchanged apart from this note.
// Reference implementation (the oracle) of the FLEXIS 'processing decisions' subset, R1-R8.
// Plain JavaScript, written for readability, not speed.
//
//   import { decide } from './oracle.mjs'   -> decide(request) = { decision, rule, why }
//   node oracle.mjs [in.jsonl] [--out decisions.jsonl]   (one {"decision","rule"} line per request)
//
// Interpretation choices where R1-R8 leave room (all peers follow the same ones):
//  - an action outside {collect, store, use, disclose, transfer, communicate}, an unknown
//    purpose, or a missing/empty 'data' list: deny (not a processing decision we can allow);
//  - dates are ISO 'YYYY-MM-DD' strings, compared as strings (same order as calendar order);
//  - a missing retention anchor date (e.g. no subject.dates.last_contact for newsletter):
//    the retention period cannot be shown to be running, so R4 treats it as ended
//    (deny unless legal_claims or legal_obligation);
//  - absent context flags are false; absent/null recipient = own staff (R6 passes);
//    absent/null country = inside the EEA (R7 passes);
//  - 'acquirer', 'social_networks', 'cookie_partners' (declared, but not listed in R6) and
//    any other recipient: deny.
import fs from 'node:fs';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  ACTIONS, PURPOSE_DATA, RETENTION, RECIPIENT_DATA, EEA, ADEQUACY, addYears,
} from './lib/vocab.mjs';

const ACTION_SET = new Set(ACTIONS);
const EEA_SET = new Set(EEA);
const ADEQUACY_SET = new Set(ADEQUACY);

const deny = (rule, why) => ({ decision: 'deny', rule, why });

export function decide(r) {
  const P = r.purpose;
  const at = r.at;
  const s = r.subject || {};
  const ctx = r.context || {};
  const flag = (k) => ctx[k] === true;
  const data = Array.isArray(r.data) ? r.data : [];

  if (!ACTION_SET.has(r.action)) return deny('scope', `action ${r.action} is not a processing action`);
  if (!Object.hasOwn(PURPOSE_DATA, P)) return deny('scope', `unknown purpose ${P}`);
  if (data.length === 0) return deny('scope', 'no data categories');

  // R8 unlawful processing: absolute
  if (s.unlawful === true) return deny('R8', 'data found to be processed unlawfully');

  // R1 data minimisation
  const allowed = PURPOSE_DATA[P];
  const extra = data.filter((d) => !allowed.includes(d));
  if (extra.length) return deny('R1', `categories not allowed for ${P}: ${extra.join(',')}`);

  // R2 lawful basis
  const objectedTo = (target) => (s.objections || []).some((o) => o.to === target && o.at <= at);
  const consentValid = () => {
    const c = s.consent && s.consent[P];
    return !!c && c.given <= at && (c.withdrawn == null || at < c.withdrawn);
  };
  const legitimateInterest = (alsoOverriddenBy) =>
    !objectedTo(P) || flag('compelling_grounds') || flag('legal_claims') ||
    (alsoOverriddenBy != null && flag(alsoOverriddenBy));
  let basis;
  switch (P) {
    case 'prospecting':
    case 'newsletter': basis = consentValid(); break;
    case 'contact_requests': basis = legitimateInterest(); break;
    case 'events': basis = consentValid() || legitimateInterest(); break;
    case 'security': basis = legitimateInterest('legal_obligation'); break;
  }
  if (!basis) return deny('R2', `no lawful basis for ${P} on ${at}`);

  // R3 objection to direct marketing: absolute
  if ((P === 'prospecting' || P === 'newsletter') && (objectedTo('direct_marketing') || objectedTo(P))) {
    return deny('R3', 'objection to direct marketing');
  }

  // R4 retention
  const { anchor, years } = RETENTION[P];
  const start = s.dates && s.dates[anchor];
  const end = start ? addYears(start, years) : null;
  if (!(end && at <= end) && !flag('legal_claims') && !flag('legal_obligation')) {
    return deny('R4', end ? `retention ended ${end}` : `no ${anchor} date`);
  }

  // R5 restriction
  const rs = s.restriction;
  if (rs && rs.since <= at && (rs.until == null || at <= rs.until) && r.action !== 'store' &&
      !flag('legal_claims') && !flag('protect_rights_of_others') && !flag('public_interest')) {
    return deny('R5', 'processing restricted: only storage');
  }

  // R6 recipients
  if (r.recipient != null) {
    if (r.recipient === 'authorities') {
      if (!flag('legal_obligation') && !flag('legal_claims')) return deny('R6', 'authorities need a legal ground');
    } else if (Object.hasOwn(RECIPIENT_DATA, r.recipient)) {
      const bad = data.filter((d) => !RECIPIENT_DATA[r.recipient].includes(d));
      if (bad.length) return deny('R6', `${r.recipient} may not receive ${bad.join(',')}`);
    } else {
      return deny('R6', `recipient ${r.recipient} not allowed`);
    }
  }

  // R7 transfers outside the EEA
  if (r.country != null && !EEA_SET.has(r.country) && !ADEQUACY_SET.has(r.country) &&
      !flag('standard_contractual_clauses')) {
    return deny('R7', `transfer to ${r.country} without adequacy or SCC`);
  }

  return { decision: 'allow', rule: null, why: null };
}

// ---- CLI ----------------------------------------------------------------------------
async function main() {
  const args = process.argv.slice(2);
  const oi = args.indexOf('--out');
  const outPath = oi >= 0 ? args.splice(oi, 2)[1] : null;
  const input = args[0] ? fs.createReadStream(args[0]) : process.stdin;
  const out = outPath ? fs.createWriteStream(outPath) : process.stdout;
  const counts = { allow: 0, deny: 0 };
  const byRule = {};
  for await (const line of readline.createInterface({ input, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const d = decide(JSON.parse(line));
    counts[d.decision]++;
    if (d.rule) byRule[d.rule] = (byRule[d.rule] || 0) + 1;
    out.write(JSON.stringify({ decision: d.decision, rule: d.rule }) + '\n');
  }
  if (outPath) await new Promise((res) => out.end(res));
  process.stderr.write(`oracle: ${JSON.stringify(counts)} first-failing-rule ${JSON.stringify(byRule)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
