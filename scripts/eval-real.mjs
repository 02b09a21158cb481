// Scores the linter on the real-world corpus (issue 18), using the built engine in out/
// (`npm run eval:real` builds it first).
//
//   npm run eval:real -- DIR            score the original files found under DIR against
//                                        test/realworld/sources.json (each split, combined)
//        --split <name>|all               only that split's files and figures (default all)
//        --sites                         also list the split's misses and false alarms per site
//                                        (file, cell:line, rule, the label's note)
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

const argv = process.argv.slice(2);
const usage = () => {
  console.error(
    `usage: npm run eval:real -- DIR [--split ${score.SPLITS.join('|')}|all] [--sites] | --record-repro`,
  );
  process.exit(2);
};
let split = 'all';
let sites = false;
const args = [];
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '-h' || a === '--help') usage();
  else if (a === '--sites') sites = true;
  else if (a === '--split' || a.startsWith('--split=')) {
    split = a === '--split' ? argv[++i] : a.slice('--split='.length);
    if (split !== 'all' && !score.SPLITS.includes(split)) usage();
  } else args.push(a);
}
if (args.length !== 1 || (args[0] === '--record-repro' && (split !== 'all' || sites))) usage();
const engine = await LintEngine.create(join(root, 'out/grammars'));

if (args[0] === '--record-repro') {
  const counts = await repro.scoreReproductions(engine);
  const groups = score.splitGroups(counts);
  const reproductions = Object.fromEntries(groups.map((g) => [g.name, score.figures(g.counts, RULE_IDS)]));
  const note =
    'Floors for test/unit/realworld: precision and recall per rule on the reproductions (null: undefined). Re-record with `npm run eval:real -- --record-repro`.';
  writeFileSync(
    join(score.realworldDir, 'scores.json'),
    `${JSON.stringify({ note, reproductions }, null, 2)}\n`,
  );
  process.stdout.write(score.formatTable(groups, RULE_IDS));
  console.log('recorded test/realworld/scores.json');
  process.exit(0);
}

const dir = resolve(args[0]);
const sources = score.readSources();
const wanted = (f) => split === 'all' || f.split === split;
const counts = Object.fromEntries(score.SPLITS.map((s) => [s, {}]));
const missing = [];
const missingDeps = [];
const misses = [];
let scored = 0;
for (const entry of sources.files.filter(wanted)) {
  const file = score.locate(dir, entry);
  if (!file) {
    missing.push(`${entry.repository} ${entry.path}`);
    continue;
  }
  // (an imported wrapper the labels depend on: read from beside the file, as the project's own module)
  for (const dep of entry.deps ?? []) {
    if (!score.locate(dir, { repository: entry.repository, path: dep })) {
      missingDeps.push(`${entry.repository} ${dep} (for ${entry.path})`);
    }
  }
  const findings = await score.lintForScore(engine, file, entry.path);
  score.scoreFile(entry.labels, findings, counts[entry.split]);
  if (sites) {
    for (const m of score.siteOutcomes(entry.labels, findings)) misses.push({ entry, ...m });
  }
  scored++;
}
const by = (s) => sources.files.filter((f) => f.split === s && wanted(f) && score.locate(dir, f)).length;
console.log(
  `Scored ${scored} of ${sources.files.length} files under ${dir} (split ${split}: ${score.SPLITS.map((s) => `${s} ${by(s)}`).join(', ')}).`,
);
console.log('P = precision, R = recall; tp/fp/fn; (negative sites that drew a finding / negative sites).\n');
const groups = score.splitGroups(counts, split === 'all' ? undefined : split);
process.stdout.write(score.formatTable(groups, RULE_IDS));
if (sites) {
  console.log(`\nMisses (fn) and false alarms (fp), split ${split}:`);
  if (misses.length === 0) console.log('  none');
  for (const m of misses) {
    const where = `${m.entry.repository}/${m.entry.path}:${m.cell === undefined ? '' : `cell ${m.cell}:`}${m.line}`;
    console.log(`  ${m.kind} ${m.rule.padEnd(24)} ${where}${m.note ? `  (${m.note})` : ''}`);
  }
}
if (missing.length) {
  console.log(`\n${missing.length} file(s) not found under ${dir}:`);
  for (const m of missing) console.log(`  ${m}`);
}
if (missingDeps.length) {
  console.log(
    `\n${missingDeps.length} imported module(s) the labels depend on not found (their sites may score as missed):`,
  );
  for (const m of missingDeps) console.log(`  ${m}`);
}
