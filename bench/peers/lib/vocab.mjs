// Copied from the FLEXIS peers harness (peers/lib/vocab.mjs, alongside the product brief), kept here
// so that gavel's comparison is self-contained; since brought in step with the rule file as the
// legal review corrected it (docs/legal-review.md): OVH's categories, the dated adequacy
// decisions, the Data Privacy Framework, the archive period, the new asserted fact.
// Shared FLEXIS vocabulary for the 'processing decisions' subset.
// Used by the generator, the oracle and the peers' request-conversion steps
// (the peers' *policies* restate these lists in their own languages).

export const ACTIONS = ['collect', 'store', 'use', 'disclose', 'transfer', 'communicate'];

export const PURPOSES = ['prospecting', 'newsletter', 'contact_requests', 'events', 'security'];

export const CATEGORIES = [
  'identity', 'contact_details', 'job_title', 'company', 'interests', 'event_participation',
  'message_content', 'logistics', 'technical_data', 'connection_logs', 'ip_address',
  'usage_data', 'browsing_metadata', 'form_data', 'audience_cookie',
];

export const RECIPIENTS = [
  'salesforce', 'ovh', 'cloudflare', 'adveris', 'acquirer', 'authorities',
  'social_networks', 'cookie_partners',
];

// Data categories allowed per purpose (rule data-outside-purpose)
export const PURPOSE_DATA = {
  prospecting: ['identity', 'contact_details', 'job_title', 'company', 'interests', 'event_participation'],
  newsletter: ['identity', 'contact_details', 'job_title', 'company'],
  contact_requests: ['identity', 'contact_details', 'message_content', 'company', 'job_title'],
  events: ['identity', 'contact_details', 'company', 'job_title', 'logistics'],
  security: ['identity', 'technical_data', 'connection_logs', 'ip_address', 'usage_data'],
};

// Retention anchor date and period (years) per purpose; then an archive of ARCHIVE_YEARS
// (`then archive for 5 years`: the limitation period of French civil and commercial actions)
export const RETENTION = {
  prospecting: { anchor: 'last_contact', years: 3 },
  newsletter: { anchor: 'last_contact', years: 3 },
  contact_requests: { anchor: 'last_contact', years: 3 },
  events: { anchor: 'event_end', years: 2 },
  security: { anchor: 'last_connection', years: 1 },
};
// prospecting and newsletter are also kept only `until consent withdrawn`
export const RETAINED_UNTIL_CONSENT_WITHDRAWN = ['prospecting', 'newsletter'];
export const ARCHIVE_YEARS = 5;

// The purposes' lawful bases; events: one per person, named in subject.bases.events
export const BASES = {
  prospecting: ['consent'], newsletter: ['consent'], contact_requests: ['legitimate_interest'],
  events: ['consent', 'legitimate_interest'], security: ['legitimate_interest', 'legal_obligation'],
};
export const ONE_BASIS_PER_PERSON = ['events'];

// Groups a person can object to
export const GROUPS = {
  direct_marketing: ['prospecting', 'newsletter'],
  email_communications: ['prospecting', 'newsletter', 'contact_requests', 'events'],
};

// Data categories each recipient may receive (rule recipient-limited-to-listed-data); the
// others (acquirer, authorities, social_networks, cookie_partners) receive none by list
export const RECIPIENT_DATA = {
  cloudflare: ['ip_address', 'browsing_metadata', 'technical_data'],
  ovh: ['technical_data', 'ip_address', 'connection_logs'],
  salesforce: ['identity', 'contact_details', 'job_title', 'company', 'interests', 'message_content',
    'event_participation', 'logistics', 'form_data'],
  adveris: ['form_data', 'audience_cookie'],
};

// Transfers outside the EEA (rule transfer-outside-eea)
export const EU27 = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
  'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'];
export const EEA = [...EU27, 'IS', 'LI', 'NO'];
export const ADEQUACY = ['AD', 'AR', 'CA', 'FO', 'GG', 'IL', 'IM', 'JP', 'JE', 'NZ', 'KR', 'CH', 'GB', 'UY'];
// The days an adequacy decision counts from and until (both included), where it has them
export const ADEQUACY_DAYS = { GB: { until: '2031-12-27' }, JP: { from: '2019-01-23' }, KR: { from: '2021-12-17' } };
// Recipients certified under the EU-US Data Privacy Framework (Decision (EU) 2023/1795), from
// that day: adequate for what they receive in the United States
export const DPF_CERTIFIED = { salesforce: { from: '2023-07-10' } };

export const CONTEXT_FLAGS = ['legal_claims', 'legal_obligation', 'compelling_grounds',
  'protect_rights_of_others', 'public_interest', 'standard_contractual_clauses'];
// Declared by the rule file, asserted per action: "if you have consented to this" (Art. 18(2))
export const CONSENT_DESPITE_RESTRICTION = 'consent_despite_restriction';
// Declared by the rule file, asserted per action: the message sends information on FLEXIS's
// activities, not a reply to the person's own request
export const INFORMATION_ON_OUR_ACTIVITIES = 'information_on_our_activities';
// The service providers, which act only within their missions
export const PROVIDERS = ['salesforce', 'ovh', 'cloudflare', 'adveris'];

// ---- dates -------------------------------------------------------------------------
export function isLeap(y) { return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0; }

// End of a period of n years starting on ISO date d, per Regulation 1182/71:
// the day d is not counted; the period ends on the same calendar date n years later,
// or on the last day of that month when it has no such date (only 02-29 can clamp).
export function addYears(d, n) {
  const y = Number(d.slice(0, 4)) + n;
  if (d.slice(5) === '02-29' && !isLeap(y)) return `${y}-02-28`;
  return String(y).padStart(4, '0') + d.slice(4);
}

export function dayNum(iso) {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86400000;
}
export function fromDayNum(n) { return new Date(n * 86400000).toISOString().slice(0, 10); }
export function dayBefore(iso) { return fromDayNum(dayNum(iso) - 1); }
