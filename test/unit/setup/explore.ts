/**
 * `npm run test:explore`: the unit tier's property tests with fresh random seeds, many
 * rounds (each round runs every property once more with a new seed, so 20 rounds is 20× the
 * runs of `npm test`). Stops starting rounds after the time budget. Prints each failing
 * round's replay command (from setup/fastCheck.ts) and exits 1 if any round failed.
 *
 *   HEADROOM_FC_ROUNDS   rounds (default 20)
 *   HEADROOM_FC_MINUTES  time budget in minutes (default 4)
 *
 * Every counterexample found becomes a plain example test next to its property.
 */
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const unitDir = path.resolve(__dirname, '..');
const root = path.resolve(unitDir, '../../..');
const rounds = Number(process.env.HEADROOM_FC_ROUNDS ?? 20);
const budgetMs = Number(process.env.HEADROOM_FC_MINUTES ?? 4) * 60_000;

/** The built unit test files that use fast-check. */
function propertyFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      out.push(...propertyFiles(full));
    } else if (
      entry.name.endsWith('.test.js') &&
      fs.readFileSync(full, 'utf8').includes('require("fast-check")')
    ) {
      out.push(full);
    }
  }
  return out.sort();
}

function main(): number {
  const files = propertyFiles(unitDir);
  if (files.length === 0) {
    console.error(`no property tests under ${unitDir}: run node scripts/build.mjs --tests first`);
    return 1;
  }
  console.log(`exploring ${files.length} files: ${files.map((f) => path.relative(unitDir, f)).join(', ')}`);
  const started = Date.now();
  const failures: string[] = [];
  let done = 0;
  for (let round = 1; round <= rounds && Date.now() - started < budgetMs; round++) {
    const seed = randomInt(2 ** 31 - 1);
    const r = spawnSync(
      process.execPath,
      [
        path.join(root, 'node_modules/mocha/bin/mocha.js'),
        '--no-config',
        '--ui=bdd',
        '--timeout=120000',
        '--reporter=dot',
        `--require=${path.join(__dirname, 'fastCheck.js')}`,
        ...files,
      ],
      { cwd: root, encoding: 'utf8', env: { ...process.env, HEADROOM_FC_SEED: String(seed) } },
    );
    done++;
    const ok = r.status === 0;
    console.log(
      `round ${round}: seed ${seed} ${ok ? 'passed' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
    if (!ok) {
      failures.push(`seed ${seed}:\n${r.stdout}${r.stderr}`);
      console.log(`${r.stdout}${r.stderr}`);
    }
  }
  console.log(`\n${done} rounds, ${failures.length} failed`);
  return failures.length ? 1 : 0;
}

process.exitCode = main();
