/**
 * hardcoded-api-key in dotenv files: read when git does not ignore them (the CLI's
 * discovery), every finding says the file is committed, and no message repeats the key.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDotenvPath, lintDotenv } from '../../../src/core/rules/hardcoded-api-key/dotenv';
import { isGitIgnored } from '../../../src/core/files/gitIgnored';
import { discover } from '../../../src/cli/files';
import { fixturesDir, markers } from '../lint/helpers';
import { run, tree } from '../cli/helpers';
import { firstSentence } from './sentences';

const DIR = path.join(fixturesDir, 'dotenv/app');
const KEY_SHAPE = /sk-ant-[a-z]+\d{2}-[A-Za-z0-9_-]{20,}/;

describe('hardcoded-api-key in dotenv files', () => {
  it('knows dotenv file names', () => {
    for (const p of [
      '.env',
      'app/.env.local',
      '.env.production',
      'config/prod.env',
      '.envrc',
      'a\\.env.test',
    ]) {
      assert.equal(isDotenvPath(p), true, p);
    }
    for (const p of [
      'env.ts',
      '.environment',
      'src/envelope.py',
      '.env-cmdrc.json',
      'environments/dev.json',
      '.env.ts',
    ]) {
      assert.equal(isDotenvPath(p), false, p);
    }
  });

  for (const name of fs.readdirSync(DIR).sort()) {
    it(`dotenv/app/${name}: findings match the markers`, () => {
      const text = fs.readFileSync(path.join(DIR, name), 'utf8');
      const found = lintDotenv(text, { path: `app/${name}` });
      assert.deepEqual(
        found.map((f) => `${f.range.start.line + 1}:${f.rule}`),
        markers(text).map((m) => `${m.line}:${m.rule}`),
      );
      for (const f of found) {
        assert.doesNotMatch(f.message, KEY_SHAPE, 'the message never repeats the key');
        assert.match(f.message, /not git-ignored, so its API key is committed/);
        assert.ok(firstSentence(f.message).length <= 100, firstSentence(f.message));
        assert.equal(f.severity, 'error');
        assert.ok(f.data.rule === 'hardcoded-api-key' && f.data.language === 'dotenv');
        assert.deepEqual(f.data.key, { start: f.start, end: f.end });
        assert.match(text.slice(f.start, f.end), /^sk-ant-/);
        assert.equal(f.testCode, undefined);
      }
    });
  }

  it('follows the rule level and marks test files', () => {
    const text = fs.readFileSync(path.join(DIR, '.env'), 'utf8');
    assert.deepEqual(lintDotenv(text, { rules: { 'hardcoded-api-key': 'off' } }), []);
    assert.deepEqual(
      lintDotenv(text, { rules: { 'hardcoded-api-key': 'warning' } }).map((f) => f.severity),
      ['warning', 'warning'],
    );
    const inTests = lintDotenv(text, { path: 'tests/.env' });
    assert.ok(
      inTests.length === 2 && inTests.every((f) => f.testCode && f.message.endsWith(' In test code.')),
    );
    assert.deepEqual(lintDotenv(`# headroom-ignore-file hardcoded-api-key\n${text}`), []);
    assert.equal(
      lintDotenv(`# headroom-ignore-file naive-retry\n${text}`).length,
      2,
      'another rule id silences nothing here',
    );
  });

  it('is read by the CLI only where git does not ignore it', async function () {
    this.timeout(30_000);
    const env = fs.readFileSync(path.join(DIR, '.env'), 'utf8');
    const dir = tree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': '.env\n.env.local\n',
      '.env': env,
      '.env.local': env,
      'deploy/.env.production': env,
      'deploy/.gitignore': '!.env.local\n',
    });
    try {
      assert.equal(isGitIgnored(path.join(dir, '.env')), true);
      assert.equal(isGitIgnored(path.join(dir, 'deploy/.env.production')), false);
      assert.deepEqual(
        discover(['.'], dir).files.map((f) => f.display),
        [path.join('deploy', '.env.production')],
      );
      const named = discover(['.env', 'deploy/.env.production'], dir);
      assert.deepEqual(
        named.files.map((f) => f.display),
        [path.join('deploy', '.env.production')],
      );
      assert.deepEqual(named.notices, [
        '.env: ignored by .gitignore, so its keys are not committed; skipped',
      ]);
      const r = await run(['lint', '.'], dir);
      assert.equal(r.code, 1);
      assert.doesNotMatch(r.stdout, KEY_SHAPE);
      assert.match(
        r.stdout,
        /^deploy\/\.env\.production:4:19: error \[hardcoded-api-key\] This dotenv file is not git-ignored/m,
      );
      assert.match(r.stdout, /^2 problems \(2 errors, 0 warnings, 0 infos\) in 1 file\.$/m);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
