// Brings the real files of `npm run bench -- --real DIR` into DIR (issue 17).
//
//   node scripts/bench-real.mjs DIR [--mirror /work/.mirror]
//
// test/bench/real-sources.json lists repositories, a commit each and file paths. Each
// repository must already be in the mirror (the `fetch` tool puts github:owner/name at
// <mirror>/owner+name/repo, a bare git directory); the files are read with `git show
// commit:path` and written to DIR/owner+name/path. Nothing is downloaded. DIR stays
// outside the repository: these are other people's files, never committed.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const mirrorAt = args.indexOf('--mirror');
const mirror = mirrorAt === -1 ? '/work/.mirror' : args[mirrorAt + 1];
const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--mirror');
if (!dir) {
  console.error('usage: node scripts/bench-real.mjs DIR [--mirror /work/.mirror]');
  process.exit(2);
}

const { sources } = JSON.parse(fs.readFileSync(path.join(root, 'test/bench/real-sources.json'), 'utf8'));
let written = 0;
const missing = [];
for (const { repository, commit, paths } of sources) {
  const local = repository.replace('/', '+');
  const gitDir = path.join(mirror, local, 'repo');
  if (!fs.existsSync(gitDir)) {
    missing.push(`${repository} (fetch github:${repository} first; expected ${gitDir})`);
    continue;
  }
  for (const file of paths) {
    let text;
    try {
      text = execFileSync('git', ['--git-dir', gitDir, 'show', `${commit}:${file}`], {
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch {
      missing.push(`${repository}@${commit.slice(0, 10)}:${file}`);
      continue;
    }
    const target = path.join(dir, local, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    written++;
  }
}
console.log(`${written} files written under ${path.resolve(dir)}`);
if (missing.length > 0) {
  console.error(`missing (${missing.length}):\n  ${missing.join('\n  ')}`);
  process.exitCode = 1;
}
