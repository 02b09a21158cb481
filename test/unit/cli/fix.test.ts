import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run, tree } from './helpers';

const BROKEN_TS = `import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic({ apiKey: 'sk-ant-api03-${'FAKE'.repeat(22)}AA' });

export async function ask(q: string) {
  return client.messages.create({
    model: 'claude-haiku-4-5',
    messages: [{ role: 'user', content: q }],
  });
}
`;

const BROKEN_PY = `import anthropic

client = anthropic.Anthropic()


def ask(q):
    return client.messages.create(model="claude-haiku-4-5", messages=[{"role": "user", "content": q}])
`;

describe('headroom lint --fix', () => {
  let dir: string;
  beforeEach(() => {
    dir = tree({ 'ask.ts': BROKEN_TS, 'ask.py': BROKEN_PY });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('fails on the errors before fixing', async () => {
    const r = await run(['lint', '.', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    const rules = (JSON.parse(r.stdout) as { findings: Array<{ rule: string }> }).findings
      .map((f) => f.rule)
      .sort();
    assert.deepEqual(rules, ['hardcoded-api-key', 'missing-max-tokens', 'missing-max-tokens']);
  });

  it('--dry-run prints a unified diff, writes nothing, and exits 1 when something would change', async () => {
    const r = await run(['lint', '.', '--fix', '--dry-run'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^--- a\/ask\.py\n\+\+\+ b\/ask\.py\n@@ /m);
    assert.match(r.stdout, /^\+.*max_tokens=1024/m);
    // Reading the key from the environment changes behaviour: not a --fix fix.
    assert.doesNotMatch(r.stdout, /process\.env\.ANTHROPIC_API_KEY/);
    assert.match(r.stderr, /would apply 2 fixes in 2 files/);
    assert.equal(fs.readFileSync(path.join(dir, 'ask.ts'), 'utf8'), BROKEN_TS);
    assert.equal(fs.readFileSync(path.join(dir, 'ask.py'), 'utf8'), BROKEN_PY);
  });

  it('--fix writes the fixes, reports what remains, and a second run changes nothing', async () => {
    const r = await run(['lint', '.', '--fix', '--format', 'json'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /applied 2 fixes in 2 files/);
    const left = (JSON.parse(r.stdout) as { findings: Array<{ rule: string }> }).findings;
    assert.deepEqual(
      left.map((f) => f.rule),
      ['hardcoded-api-key'],
    );
    const ts = fs.readFileSync(path.join(dir, 'ask.ts'), 'utf8');
    assert.match(ts, /apiKey: 'sk-ant-api03-/);
    assert.match(ts, /max_tokens: 1024,/);
    assert.match(fs.readFileSync(path.join(dir, 'ask.py'), 'utf8'), /max_tokens=1024/);
    const again = await run(['lint', '.', '--fix', '--dry-run'], dir);
    assert.equal(again.code, 0);
    assert.equal(again.stdout, '');
  });

  it('rejects --dry-run without --fix', async () => {
    const r = await run(['lint', '.', '--dry-run'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--dry-run goes with --fix/);
  });
});
