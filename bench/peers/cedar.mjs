// Copied from the FLEXIS peers harness (peers/cedar.mjs, alongside the product brief), kept here
// so that gavel's comparison is self-contained; the stateless `isAuthorized` mode (the policy
// text parsed on every call) and the variant with dates as Longs (the policies now name days,
// which a Long schema cannot take) are left out, and the conversion follows the schema as the
// rule file's legal review changed it.
// Cedar peer: policy set + schema loading, request conversion, authorization.
//
// Conversion (request contract JSON -> Cedar principal/action/resource/context/entities):
//   principal = Flexis::Purpose::"<purpose>"; action = Flexis::Action::"<action>";
//   resource  = Flexis::Subject::"s", one entity whose attributes are the subject's facts;
//   context   = at, data, recipient?, country?, the context flags (absent -> false);
//   entities  = that subject, and the action entity with its parent Flexis::Action::"process"
//               (the schema's action group; no schema is passed at decision time).
//   Dates become datetime extension values; null 'withdrawn'/'until' become absent attributes.
//   A fact the request leaves out (a consent record, a retention date, a basis of record)
//   stays an absent attribute; one given as null is there, empty: a consent record without
//   `given` (never consented), a retention term without `end` (the event has not happened).
// Precomputed by the harness because Cedar cannot express it:
//   1. retention.{last_contact_3y, event_end_2y, last_connection_1y}: the last day of each
//      retention period, anchor date + N years per Reg. 1182/71 (02-29 clamps to 02-28), and
//      of the 5-year archive after it; consent.<purpose>.withdrawal_archive_end: the same
//      archive counted from the day before a withdrawal. Cedar has no calendar-year
//      arithmetic (its datetime offsets are fixed durations). The policy still picks which
//      term applies to which purpose and compares it with 'at'.
//   2. objection_since.<target>: the earliest objection date per objection target. Cedar has
//      no quantifier over a set of records ("some objection o with o.to == P and o.at <= at");
//      "some such o exists" <=> "earliest o.at for target P <= at", and the comparison with
//      'at' stays in the policy.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import {
  ACTIONS, PURPOSES, GROUPS, CONTEXT_FLAGS, CONSENT_DESPITE_RESTRICTION, INFORMATION_ON_OUR_ACTIVITIES, ARCHIVE_YEARS,
  addYears, dayBefore,
} from './lib/vocab.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const POLICY_TEXT = fs.readFileSync(path.join(here, 'cedar/flexis.cedar'), 'utf8');
export const SCHEMA_TEXT = fs.readFileSync(path.join(here, 'cedar/flexis.cedarschema'), 'utf8');
export const VERSION = cedar.getCedarVersion();

const OBJECTION_TARGETS = new Set([...Object.keys(GROUPS), ...PURPOSES]);
const ASSERTED = [...CONTEXT_FLAGS, CONSENT_DESPITE_RESTRICTION, INFORMATION_ON_OUR_ACTIVITIES];
const PURPOSE_SET = new Set(PURPOSES);
// Without a schema at decision time Cedar does not know the action group, so the request
// carries its action entity with the schema's parent (Flexis::Action::"process").
const ACTION_ENTITY = Object.fromEntries(ACTIONS.map((a) => [a, {
  uid: { type: 'Flexis::Action', id: a }, attrs: {}, parents: [{ type: 'Flexis::Action', id: 'process' }],
}]));
const datetime = (s) => ({ __extn: { fn: 'datetime', arg: s } });

// The policy set keyed by each policy's @id annotation (so decisions name the rules).
function policiesById(text) {
  const parts = cedar.policySetTextToParts(text);
  if (parts.type !== 'success') throw new Error('cedar parse failed: ' + JSON.stringify(parts.errors));
  const out = {};
  for (const p of parts.policies) {
    const m = /@id\("([^"]+)"\)/.exec(p);
    if (!m || out[m[1]]) throw new Error('each policy needs a unique @id: ' + p.slice(0, 80));
    out[m[1]] = p;
  }
  return out;
}
export const POLICIES = { staticPolicies: policiesById(POLICY_TEXT) };

// Validate the policy set against the schema (strict mode) and preparse it once.
export function setup() {
  const v = cedar.validate({ schema: SCHEMA_TEXT, policies: POLICIES, validationSettings: { mode: 'strict' } });
  if (v.type !== 'success') throw new Error('cedar validate failed: ' + JSON.stringify(v.errors));
  if (v.validationErrors.length) throw new Error('cedar validation errors: ' + JSON.stringify(v.validationErrors, null, 1));
  const warnings = v.validationWarnings.length + v.otherWarnings.length;
  const p = cedar.preparsePolicySet('flexis', POLICIES);
  if (p.type !== 'success') throw new Error('cedar preparse failed: ' + JSON.stringify(p.errors));
  const f = cedar.preparsePolicySet('floor', { staticPolicies: { 'permit-all': 'permit (principal, action, resource);' } });
  if (f.type !== 'success') throw new Error('cedar preparse failed: ' + JSON.stringify(f.errors));
  return { warnings };
}

// A retention term of N years from an anchor date (null: not started), with its archive.
function term(anchorDate, years) {
  if (anchorDate == null) return {};
  const end = addYears(anchorDate, years);
  return { end: datetime(end), archive_end: datetime(addYears(end, ARCHIVE_YEARS)) };
}

export function toCedar(r) {
  const dt = datetime;
  const s = r.subject || {};
  const consent = {};
  if (s.consent) {
    for (const p of Object.keys(s.consent)) {
      const c = s.consent[p];
      if (!PURPOSE_SET.has(p)) continue;
      if (c == null) { consent[p] = {}; continue; }  // never consented
      consent[p] = c.withdrawn == null ? { given: dt(c.given) } : { given: dt(c.given), withdrawn: dt(c.withdrawn),
        withdrawal_archive_end: dt(addYears(dayBefore(c.withdrawn), ARCHIVE_YEARS)) };
    }
  }
  const earliest = {};
  for (const o of s.objections || []) {
    if (OBJECTION_TARGETS.has(o.to) && (earliest[o.to] === undefined || o.at < earliest[o.to])) earliest[o.to] = o.at;
  }
  const objection_since = {};
  for (const k of Object.keys(earliest)) objection_since[k] = dt(earliest[k]);
  const d = s.dates || {};
  const retention = {};
  if (Object.hasOwn(d, 'last_contact')) retention.last_contact_3y = term(d.last_contact, 3);
  if (Object.hasOwn(d, 'event_end')) retention.event_end_2y = term(d.event_end, 2);
  if (Object.hasOwn(d, 'last_connection')) retention.last_connection_1y = term(d.last_connection, 1);
  const bases = {};
  if (s.bases && typeof s.bases.events === 'string') bases.events = s.bases.events;
  const attrs = { consent, objection_since, unlawful: s.unlawful === true, retention, bases };
  if (s.restriction) {
    attrs.restriction = s.restriction.until == null ? { since: dt(s.restriction.since) }
      : { since: dt(s.restriction.since), until: dt(s.restriction.until) };
  }
  const ctx = r.context || {};
  const context = { at: dt(r.at), data: r.data };
  if (r.recipient != null) context.recipient = r.recipient;
  if (r.country != null) context.country = r.country;
  for (const f of ASSERTED) context[f] = ctx[f] === true;
  return {
    principal: { type: 'Flexis::Purpose', id: r.purpose },
    action: { type: 'Flexis::Action', id: r.action },
    resource: { type: 'Flexis::Subject', id: 's' },
    context,
    entities: [
      { uid: { type: 'Flexis::Subject', id: 's' }, attrs, parents: [] },
      ACTION_ENTITY[r.action] || { uid: { type: 'Flexis::Action', id: String(r.action) }, attrs: {}, parents: [] },
    ],
  };
}


// Preparsed policy set (parsed once by setup()), no schema at decision time.
export function authorizePreparsed(c) {
  const a = cedar.statefulIsAuthorized({ principal: c.principal, action: c.action, resource: c.resource,
    context: c.context, preparsedPolicySetId: 'flexis', entities: c.entities });
  if (a.type !== 'success') throw new Error('cedar: ' + JSON.stringify(a.errors));
  return a.response;
}

// Floor: the same call on a one-line permit-all policy set: what the request crossing into
// wasm and its parsing cost, without the FLEXIS policies (benchmark only).
export function authorizeFloor(c) {
  const a = cedar.statefulIsAuthorized({ principal: c.principal, action: c.action, resource: c.resource,
    context: c.context, preparsedPolicySetId: 'floor', entities: c.entities });
  if (a.type !== 'success') throw new Error('cedar: ' + JSON.stringify(a.errors));
  return a.response;
}

// Decision with policy-evaluation errors surfaced (an erroring policy is skipped by Cedar,
// which for a forbid could turn a deny into an allow: the cross-check counts them).
export function decide(c, fn = authorizePreparsed) {
  const resp = fn(c);
  return { decision: resp.decision, reasons: resp.diagnostics.reason, errors: resp.diagnostics.errors };
}
