/**
 * `npm run test:explore`: the unit tier's property tests with fresh random seeds, many
 * rounds (each round runs every property once more with a new seed, so 20 rounds is 20× the
 * runs of `npm test`). Stops starting rounds after the time budget. Prints each failing
 * round's replay command (from setup/fastCheck.ts) and exits 1 if any round failed.
 *
 *   HEADROOM_FC_ROUNDS   rounds (default 20)
 *   HEADROOM_FC_MINUTES  time budget in minutes (default 4)
 *
 * A round that does not end within HEADROOM_FC_ROUND_MINUTES (default 5) fails too: a
 * property that never returns (a parser loop) is a counterexample, replayed by its seed.
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
const roundMs = Number(process.env.HEADROOM_FC_ROUND_MINUTES ?? 5) * 60_000;

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
    console.log(`round ${round}: seed ${seed}`);
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
      {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, HEADROOM_FC_SEED: String(seed) },
        timeout: roundMs,
        killSignal: 'SIGKILL',
        maxBuffer: 64 << 20,
      },
    );
    done++;
    const ok = r.status === 0;
    console.log(
      `round ${round}: ${ok ? 'passed' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
    if (!ok) {
      const hung = r.signal
        ? `round ${round} did not end within ${roundMs / 60_000} min (a property that never returns?): ` +
          `rerun with HEADROOM_FC_SEED=${seed} and --reporter spec to see which test hangs\n`
        : '';
      failures.push(`seed ${seed}:\n${r.stdout}${r.stderr}${hung}`);
      console.log(`${r.stdout}${r.stderr}${hung}`);
    }
  }
  console.log(`\n${done} rounds, ${failures.length} failed`);
  return failures.length ? 1 : 0;
}

process.exitCode = main();
