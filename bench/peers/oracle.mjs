// Copied from the FLEXIS peers harness (peers/oracle.mjs, alongside the product brief), kept here
// so that gavel's comparison is self-contained; since rewritten to follow rules/flexis.gavel as
// the legal review corrected it (docs/legal-review.md): its rules are named by their ids there.
// Reference implementation (the oracle) of the FLEXIS processing decisions of the six
// actions collect, store, use, disclose, transfer, communicate.
// Plain JavaScript, written for readability, not speed.
//
//   import { decide } from './oracle.mjs'   -> decide(request) = { decision, rule, why }
//   node oracle.mjs [in.jsonl] [--out decisions.jsonl]   (one {"decision","rule"} line per request)
//
// Reading of the request (the contract of docs/request.md):
//  - an action outside the six, an unknown purpose, or a missing/empty 'data' list: deny
//    (not a processing decision we can allow);
//  - dates are ISO 'YYYY-MM-DD' strings, compared as strings (same order as calendar order);
//  - absent context flags are false; absent/null recipient = own staff; absent/null country =
//    where FLEXIS is established, inside the EEA;
//  - a fact the request leaves out — the consent record for the purpose, the date its
//    retention counts from, the basis of record of an events participant — is unknown, and
//    "an unknown fact never allows" (docs/language.md, "Known, not yet and unknown facts"):
//    the request is decided for each value the fact could take, and allowed only when every
//    one of them allows. A date or consent given as null is known: the event has not happened,
//    the person never consented.
import fs from 'node:fs';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  ACTIONS, PURPOSE_DATA, RETENTION, RETAINED_UNTIL_CONSENT_WITHDRAWN, ARCHIVE_YEARS, BASES,
  ONE_BASIS_PER_PERSON, GROUPS, RECIPIENT_DATA, EEA, ADEQUACY, ADEQUACY_DAYS, DPF_CERTIFIED,
  CONSENT_DESPITE_RESTRICTION, INFORMATION_ON_OUR_ACTIVITIES, PROVIDERS, addYears, dayBefore,
} from './lib/vocab.mjs';

const ACTION_SET = new Set(ACTIONS);
const EEA_SET = new Set(EEA);
const ADEQUACY_SET = new Set(ADEQUACY);
const within = (days, at) => !days || ((days.from == null || days.from <= at) && (days.until == null || at <= days.until));

const deny = (rule, why) => ({ decision: 'deny', rule, why });
const ALLOW = { decision: 'allow', rule: null, why: null };

// The decision once every fact is known. `known`: the consent record for the purpose (null:
// never consented), the date its retention counts from (null: not happened) and, for events,
// the basis of record.
function decideKnown(r, known) {
  const P = r.purpose;
  const A = r.action;
  const at = r.at;
  const s = r.subject || {};
  const ctx = r.context || {};
  const flag = (k) => ctx[k] === true;
  const data = r.data;

  // ---- the facts -------------------------------------------------------------------------
  const c = known.consent;
  const consentGiven = c != null && c.given <= at && !(c.withdrawn != null && c.withdrawn <= at);
  const consentWithdrawn = c != null && c.withdrawn != null && c.withdrawn <= at;
  const objectedTo = (target) => (s.objections || []).some((o) => o.to === target && o.at <= at);
  const objectedToPurpose = objectedTo(P);
  const objectedToDirectMarketing = objectedTo('direct_marketing');
  const objectedToEmails = objectedTo('email_communications');
  const rs = s.restriction;
  const restricted = rs != null && rs.since <= at && (rs.until == null || at <= rs.until);
  const unlawful = s.unlawful === true;
  const needed = flag('legal_claims') || flag('legal_obligation');  // as evidence, or by law

  // Retention ends on the earliest last day of its terms: N years after the anchor date (once
  // it has happened), and for prospecting and newsletter the day before consent is withdrawn.
  // An archive of ARCHIVE_YEARS follows, then the data is erased.
  const { years } = RETENTION[P];
  const lastDays = [];
  if (known.anchor != null && known.anchor <= at) lastDays.push(addYears(known.anchor, years));
  if (RETAINED_UNTIL_CONSENT_WITHDRAWN.includes(P) && consentWithdrawn) lastDays.push(dayBefore(c.withdrawn));
  const retentionEnd = lastDays.sort()[0];
  const retentionOver = retentionEnd != null && at > retentionEnd;
  const archiveOver = retentionOver && at > addYears(retentionEnd, ARCHIVE_YEARS);

  const outsidePurpose = data.filter((d) => !PURPOSE_DATA[P].includes(d));
  const recipient = r.recipient ?? null;
  const notReceivable = recipient == null ? [] : data.filter((d) => !(RECIPIENT_DATA[recipient] || []).includes(d));
  const country = r.country ?? null;
  const adequate = country != null && ADEQUACY_SET.has(country) && within(ADEQUACY_DAYS[country], at);
  const outsideEea = country != null && !EEA_SET.has(country) && !adequate;
  const dpfCertified = country === 'US' && Object.hasOwn(DPF_CERTIFIED, recipient) && within(DPF_CERTIFIED[recipient], at);

  // ---- allow rules: each permits the action, and sets aside the deny rules that name it -----
  const allows = new Set();
  // archive-after-retention: data no longer needed for its purpose is kept (archived, stored)
  // where evidence or a legal obligation needs it
  if (A === 'store' && needed && !archiveOver &&
      (retentionOver || unlawful || (BASES[P].includes('consent') && consentWithdrawn) ||
       objectedToPurpose || objectedToDirectMarketing || objectedToEmails)) allows.add('archive-after-retention');
  // archive-used-only-for-litigation-or-legal-requirement: the archive is consulted by FLEXIS's
  // staff, not used by or handed to a service provider
  if (A === 'use' && needed && retentionOver && !archiveOver && !PROVIDERS.includes(recipient)) {
    allows.add('archive-used-only-for-litigation-or-legal-requirement');
  }
  // disclosure-to-authorities: when the law requires it, or to defend FLEXIS's rights until the
  // limitation period that bounds the archive ends
  if (A === 'disclose' && recipient === 'authorities' &&
      (flag('legal_obligation') || (flag('legal_claims') && !archiveOver))) allows.add('disclosure-to-authorities');
  // restricted-data-kept: storage stays lawful while a restriction runs
  if (A === 'store' && restricted) allows.add('restricted-data-kept');

  // ---- deny rules, in the order of the file, with the allow rules that override them ----------
  // (An allow rule overridden in turn by a deny rule — data-outside-purpose over
  // archive-after-retention, say — cannot change the decision: that deny rule denies.)
  const overriddenBy = (...ids) => ids.some((id) => allows.has(id));
  // the allow rules that let data past its purpose be kept, used in litigation or disclosed
  const PAST_PURPOSE = ['archive-after-retention', 'archive-used-only-for-litigation-or-legal-requirement',
    'disclosure-to-authorities', 'restricted-data-kept'];
  const dm = GROUPS.direct_marketing.includes(P);
  const denies = [
    ['data-outside-purpose', outsidePurpose.length > 0, false,
      () => `categories not allowed for ${P}: ${outsidePurpose.join(',')}`],
    ['retention-over', retentionOver, overriddenBy(...PAST_PURPOSE),
      () => `retention ended ${retentionEnd}${archiveOver ? ', and its archive' : ''}`],
    ['provider-within-its-mission', P === 'security' && recipient === 'salesforce', false,
      () => 'salesforce receives nothing for security'],
    ['site-protection-keeps-no-archive', A === 'store' && recipient === 'cloudflare' && retentionOver, false,
      () => 'cloudflare keeps no data past its retention period'],
    ['recipient-limited-to-listed-data', notReceivable.length > 0, overriddenBy('disclosure-to-authorities'),
      () => `${recipient} may not receive ${notReceivable.join(',')}`],
    ['transfer-outside-eea', outsideEea && !flag('standard_contractual_clauses') && !dpfCertified, false,
      () => `transfer to ${country} without adequacy, certification or SCC`],
    ['unlawful-processing', unlawful,
      overriddenBy('archive-after-retention', 'disclosure-to-authorities', 'restricted-data-kept'),
      () => 'data found to be processed unlawfully'],
    ['restriction-only-storage', A !== 'store' && restricted && !flag(CONSENT_DESPITE_RESTRICTION) &&
      !flag('legal_claims') && !flag('protect_rights_of_others') && !flag('public_interest'), false,
      () => 'processing restricted: only storage'],
    ['restricted-data-not-processed-for-its-purpose', (A === 'collect' || A === 'communicate') && restricted &&
      (flag('legal_claims') || flag('protect_rights_of_others') || flag('public_interest')) &&
      !flag(CONSENT_DESPITE_RESTRICTION), false, () => 'restricted data is not collected or communicated'],
    ['direct-marketing-objection', dm && (objectedToDirectMarketing || objectedToPurpose || objectedToEmails),
      overriddenBy(...PAST_PURPOSE),
      () => 'objection to direct marketing'],
    ['objection-to-messages', A === 'communicate' && (P === 'contact_requests' || P === 'events') &&
      (objectedToPurpose || objectedToEmails), false, () => `objection to the messages of ${P}`],
    ['prospecting-objection-reaches-information-on-our-activities', A === 'communicate' &&
      (P === 'contact_requests' || P === 'events') && flag(INFORMATION_ON_OUR_ACTIVITIES) &&
      (objectedToDirectMarketing || objectedTo('prospecting')), false,
      () => 'information on our activities after an objection to prospecting'],
    ['security-data-not-for-information-on-our-activities', A === 'communicate' && P === 'security' &&
      flag(INFORMATION_ON_OUR_ACTIVITIES), false, () => 'security data sends no information on our activities'],
  ];
  for (const [rule, applies, overridden, why] of denies) if (applies && !overridden) return deny(rule, why());

  // ---- lawful bases ------------------------------------------------------------------------
  // legitimate-interest-objection: an objection to the purpose ends the legitimate interest,
  // unless compelling grounds or legal claims override it. events: only the basis of record.
  const holds = {
    consent: consentGiven,
    legitimate_interest: !(objectedToPurpose && !flag('compelling_grounds') && !flag('legal_claims')),
    legal_obligation: flag('legal_obligation'),
  };
  const bases = ONE_BASIS_PER_PERSON.includes(P) ? [known.basis] : BASES[P];
  if (!bases.some((b) => holds[b]) && allows.size === 0) return deny('lawful-basis', `no lawful basis for ${P} on ${at}`);
  return ALLOW;
}

// The values a fact left out could take, each as the request would give it.
function possibleValues(r) {
  const P = r.purpose;
  const at = r.at;
  const s = r.subject || {};
  const { anchor, years } = RETENTION[P];
  const given = (o, k) => o != null && Object.hasOwn(o, k);
  const longAgo = addYears(at, -(years + ARCHIVE_YEARS + 1));  // retention and archive both over
  const missing = [];
  let consent = [s.consent?.[P] ?? null];
  if (!given(s.consent, P)) {
    missing.push(`subject.consent.${P}`);
    consent = [null, { given: at }, { given: longAgo, withdrawn: at }, { given: longAgo, withdrawn: longAgo }];
  }
  let anchorDate = [s.dates?.[anchor] ?? null];
  if (!given(s.dates, anchor)) {
    missing.push(`subject.dates.${anchor}`);
    anchorDate = [null, at, addYears(at, -(years + 1)), longAgo];  // not started, running, archived, archive over
  }
  let basis = [s.bases?.[P] ?? null];
  if (ONE_BASIS_PER_PERSON.includes(P) && !given(s.bases, P)) {
    missing.push(`subject.bases.${P}`);
    basis = BASES[P];
  }
  return { missing, consent, anchorDate, basis };
}

export function decide(r) {
  if (!ACTION_SET.has(r.action)) return deny('scope', `action ${r.action} is not a processing action`);
  if (!Object.hasOwn(PURPOSE_DATA, r.purpose)) return deny('scope', `unknown purpose ${r.purpose}`);
  if (!Array.isArray(r.data) || r.data.length === 0) return deny('scope', 'no data categories');

  // Every value of the facts left out; denied when one of them denies. The deny turns on those
  // facts when another value allows, else the known facts decide it.
  const v = possibleValues(r);
  let denied = null, allowed = null;
  for (const consent of v.consent) {
    for (const anchor of v.anchorDate) {
      for (const basis of v.basis) {
        const d = decideKnown(r, { consent, anchor, basis });
        if (d.decision === 'allow') allowed ||= d;
        else denied ||= { d, consent, anchor, basis };
        if (allowed && denied) break;
      }
    }
  }
  if (!denied) return allowed;
  if (!allowed) return denied.d;
  const { d, consent, anchor, basis } = denied;
  return deny('unknown', `turns on ${v.missing.join(', ')}: ${d.rule} (${d.why}) for consent ` +
    `${JSON.stringify(consent)}, ${RETENTION[r.purpose].anchor} ${anchor}${basis ? `, basis ${basis}` : ''}`);
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
