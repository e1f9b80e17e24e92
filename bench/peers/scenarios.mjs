// The peers on gavel's own FLEXIS scenarios (run by ./run.sh):
//
//   node scenarios.mjs [DIR]     (default: tests/scenarios/flexis of this repository)
//
// Every case of the six processing actions whose expected decision the scenarios state (a
// reviewer wrote it from the policy and the law, docs/legal-review.md) is decided by the
// reference and by Cedar; a peer that decides one otherwise makes the run fail (exit 1).
// Cases gavel refuses as malformed, and archive, erase and rights requests, are not the peers'.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decide as oracle } from './oracle.mjs';
import { setup, toCedar, authorizePreparsed } from './cedar.mjs';
import { ACTIONS } from './lib/vocab.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2] || path.join(here, '../../tests/scenarios/flexis');
setup();
let checked = 0;
const wrong = [];
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  for (const c of JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')).cases || []) {
    if (!c.request || !ACTIONS.includes(c.request.action) || !c.expect?.decision) continue;
    checked++;
    const reference = oracle(c.request).decision;
    const cedar = authorizePreparsed(toCedar(c.request)).decision;
    if (reference !== c.expect.decision || cedar !== c.expect.decision) {
      wrong.push(`- ${file}, "${c.name}": expected ${c.expect.decision}, reference ${reference}, Cedar ${cedar}`);
    }
  }
}
console.log(`## gavel's FLEXIS scenarios: ${checked} cases of the six actions\n`);
console.log(`The reference and Cedar decide ${checked - wrong.length} of them as the scenarios expect.`);
if (wrong.length) console.log(['', ...wrong].join('\n'));
console.log('');
if (wrong.length) process.exitCode = 1;
