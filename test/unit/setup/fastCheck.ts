/**
 * Mocha `require` for the unit tier (.mocharc.json): the seed policy of every fast-check
 * property.
 *
 * - `npm test` runs each property with one fixed seed (FIXED_SEED), so a green run is the
 *   same run every time and a red one reproduces.
 * - `HEADROOM_FC_SEED` (and `HEADROOM_FC_PATH`) replay a given run: `npm run test:explore`
 *   sets a fresh seed per round, and a failure prints the exact command to replay it.
 * - A failing property reports its seed, its counterexample path and that command, then the
 *   usual fast-check report (counterexample, shrinks, the error).
 *
 * Every counterexample found by exploring becomes a plain example test next to its property.
 */
import fc from 'fast-check';

/** The seed of every property in `npm test`. Change it only on purpose. */
export const FIXED_SEED = 1_612_026;

function envSeed(): number | undefined {
  const raw = process.env.HEADROOM_FC_SEED;
  if (raw === undefined || raw === '') {
    return undefined;
  }
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) {
    throw new Error(`HEADROOM_FC_SEED must be an integer, got ${JSON.stringify(raw)}`);
  }
  return seed;
}

export const seed = envSeed() ?? FIXED_SEED;
const replayPath = process.env.HEADROOM_FC_PATH || undefined;

let currentTest = '';

/** Root hooks: remembers which test is running, to name it in the replay command. */
export const mochaHooks = {
  beforeEach(this: Mocha.Context): void {
    currentTest = this.currentTest?.fullTitle() ?? '';
  },
};

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** The command that replays one failing property run. */
export function replayCommand(failedSeed: number, failedPath: string, title: string): string {
  return (
    `node scripts/build.mjs --tests && HEADROOM_FC_SEED=${failedSeed} HEADROOM_FC_PATH=${quote(failedPath)} ` +
    `npx mocha --fgrep ${quote(title)}`
  );
}

fc.configureGlobal({
  seed,
  ...(replayPath !== undefined && { path: replayPath, endOnFailure: true }),
  reporter(details) {
    if (!details.failed) {
      return;
    }
    const report = fc.defaultReportMessage(details) ?? 'property failed';
    throw new Error(
      `Property failed with seed ${details.seed}, path "${details.counterexamplePath ?? ''}"` +
        `${replayPath === undefined ? '' : ' (replayed)'}.\n` +
        `Replay: ${replayCommand(details.seed, details.counterexamplePath ?? '', currentTest)}\n\n${report}`,
      { cause: details.errorInstance },
    );
  },
});
