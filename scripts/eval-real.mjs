// Scores the linter on the real-world corpus (issue 18), using the built engine in out/
// (`npm run eval:real` builds it first).
//
//   npm run eval:real -- DIR            score the original files found under DIR against
//                                        test/realworld/sources.json (tune, holdout, combined)
//   npm run eval:real -- --record-repro  re-record test/realworld/scores.json, the floors the
//                                        unit test holds the reproductions to
//
// DIR holds the files as <owner>+<name>/<path> (or <owner>/<name>/<path>); files that are
// absent are listed and left out of the figures. See test/realworld/README.md.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const load = (p) => {
  try {
    return require(join(root, p));
  } catch (err) {
    console.error(`eval-real: cannot load ${p} (run "node scripts/build.mjs --tests" first): ${err.message}`);
    process.exit(2);
  }
};
const score = load('out/test/unit/realworld/score.js');
const repro = load('out/test/unit/realworld/repro.js');
const { LintEngine, RULE_IDS } = load('out/src/core/lint/index.js');

const args = process.argv.slice(2);
if (args.length !== 1 || args[0] === '-h' || args[0] === '--help') {
  console.error('usage: npm run eval:real -- DIR | --record-repro');
  process.exit(2);
}
const engine = await LintEngine.create(join(root, 'out/grammars'));

if (args[0] === '--record-repro') {
  const counts = await repro.scoreReproductions(engine);
  const combined = score.addCounts(counts.tune, counts.holdout);
  const reproductions = {
    tune: score.figures(counts.tune, RULE_IDS),
    holdout: score.figures(counts.holdout, RULE_IDS),
    combined: score.figures(combined, RULE_IDS),
  };
  const note =
    'Floors for test/unit/realworld: precision and recall per rule on the reproductions (null: undefined). Re-record with `npm run eval:real -- --record-repro`.';
  writeFileSync(
    join(score.realworldDir, 'scores.json'),
    `${JSON.stringify({ note, reproductions }, null, 2)}\n`,
  );
  process.stdout.write(
    score.formatTable(
      [
        { name: 'tune', counts: counts.tune },
        { name: 'holdout', counts: counts.holdout },
        { name: 'combined', counts: combined },
      ],
      RULE_IDS,
    ),
  );
  console.log('recorded test/realworld/scores.json');
  process.exit(0);
}

const dir = resolve(args[0]);
const sources = score.readSources();
const counts = { tune: {}, holdout: {} };
const missing = [];
let scored = 0;
for (const entry of sources.files) {
  const file = score.locate(dir, entry);
  if (!file) {
    missing.push(`${entry.repository} ${entry.path}`);
    continue;
  }
  score.scoreFile(entry.labels, await score.lintForScore(engine, file), counts[entry.split]);
  scored++;
}
const combined = score.addCounts(counts.tune, counts.holdout);
const by = (split) => sources.files.filter((f) => f.split === split && score.locate(dir, f)).length;
console.log(
  `Scored ${scored} of ${sources.files.length} files under ${dir} (tune ${by('tune')}, holdout ${by('holdout')}).`,
);
console.log('P = precision, R = recall; tp/fp/fn; (negative sites that drew a finding / negative sites).\n');
process.stdout.write(
  score.formatTable(
    [
      { name: 'tune', counts: counts.tune },
      { name: 'holdout', counts: counts.holdout },
      { name: 'combined', counts: combined },
    ],
    RULE_IDS,
  ),
);
if (missing.length) {
  console.log(`\n${missing.length} file(s) not found under ${dir}:`);
  for (const m of missing) console.log(`  ${m}`);
}
