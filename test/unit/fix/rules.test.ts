import * as assert from 'node:assert/strict';
import { applyFix, count, findings, fixes, lines } from './helpers';
import { pyChecks } from './toolchain';

describe('fix: missing-max-tokens', () => {
  it('adds max_tokens after the model in a multi-line params object', async () => {
    const src = lines(
      "import Anthropic from '@anthropic-ai/sdk';",
      'const client = new Anthropic();',
      'export async function ask(q: string) {',
      '  return client.messages.create({',
      "    model: 'claude-haiku-4-5', // fast",
      "    messages: [{ role: 'user', content: q }],",
      '  });',
      '}',
    );
    const { text, action } = await applyFix(src, 'typescript', 'missing-max-tokens');
    assert.equal(action.title, 'Add max_tokens: 1024');
    assert.ok(action.safeForFixAll);
    assert.match(text, /model: 'claude-haiku-4-5', \/\/ fast\n {4}max_tokens: 1024,\n {4}messages/);
    assert.deepEqual(await findings(text, 'typescript', 'missing-max-tokens'), []);
  });

  it('single-line params, the configured value, and Python kwargs', async () => {
    const js = lines(
      "const Anthropic = require('@anthropic-ai/sdk')",
      'const client = new Anthropic()',
      "module.exports = (q) => client.messages.create({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: q }] })",
    );
    const { text } = await applyFix(js, 'javascript', 'missing-max-tokens', undefined, {
      settings: { concurrency: 8, maxTokens: 512 },
    });
    assert.match(text, /\{ model: 'claude-haiku-4-5', max_tokens: 512, messages/);
    const py = lines(
      'import anthropic',
      '',
      'client = anthropic.Anthropic()',
      'msg = client.messages.create(',
      '    model="claude-haiku-4-5",',
      '    messages=[{"role": "user", "content": "hi"}],',
      ')',
    );
    const fixed = await applyFix(py, 'python', 'missing-max-tokens');
    assert.equal(fixed.action.title, 'Add max_tokens=1024');
    assert.match(fixed.text, /model="claude-haiku-4-5",\n {4}max_tokens=1024,\n {4}messages=/);
    assert.deepEqual(await findings(fixed.text, 'python', 'missing-max-tokens'), []);
    assert.equal(await pyChecks(fixed.text, py), '');
  });

  it('a raw-HTTP request body: an object entry in JSON.stringify, a "max_tokens" key in a Python dict', async () => {
    const js = lines(
      'export async function ask(q) {',
      "  const res = await fetch('https://api.anthropic.com/v1/messages', {",
      "    method: 'POST',",
      "    headers: { 'x-api-key': process.env.KEY, 'anthropic-version': '2023-06-01' },",
      "    body: JSON.stringify({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: q }] }),",
      '  });',
      '  return res.json();',
      '}',
    );
    const { text } = await applyFix(js, 'javascript', 'missing-max-tokens');
    assert.match(text, /JSON\.stringify\(\{ model: 'claude-haiku-4-5', max_tokens: 1024, messages/);
    assert.deepEqual(await findings(text, 'javascript', 'missing-max-tokens'), []);
    const py = lines(
      'import requests',
      '',
      'URL = "https://api.anthropic.com/v1/messages"',
      '',
      '',
      'def ask(q, headers):',
      '    payload = {',
      '        "model": "claude-haiku-4-5",',
      '        "messages": [{"role": "user", "content": q}],',
      '    }',
      '    return requests.post(URL, headers=headers, json=payload).json()',
    );
    const fixed = await applyFix(py, 'python', 'missing-max-tokens');
    assert.equal(fixed.action.title, 'Add "max_tokens": 1024');
    assert.match(fixed.text, /"model": "claude-haiku-4-5",\n {8}"max_tokens": 1024,\n {8}"messages"/);
    assert.deepEqual(await findings(fixed.text, 'python', 'missing-max-tokens'), []);
    assert.equal(await pyChecks(fixed.text, py), '');
  });
});

describe('fix: nonstreaming-max-tokens', () => {
  const TS = lines(
    "import Anthropic from '@anthropic-ai/sdk';",
    'const client = new Anthropic();',
    'export async function report(outline: string) {',
    '  const msg = await client.messages.create({',
    "    model: 'claude-sonnet-4-5',",
    '    max_tokens: 64_000,',
    "    messages: [{ role: 'user', content: outline }],",
    '  });',
    '  return msg.content;',
    '}',
  );

  it('prefers streaming and taking the final message (same return value; safe for Fix All)', async () => {
    const { text, action } = await applyFix(TS, 'typescript', 'nonstreaming-max-tokens');
    assert.equal(action.id, 'nonstreaming-max-tokens.stream');
    assert.ok(action.safeForFixAll);
    assert.match(
      text,
      /const msg = await client\.messages\n {4}\.stream\(\{\n {6}model[\s\S]*\n {4}\}\)\n {4}\.finalMessage\(\);/,
    );
    assert.match(text, /max_tokens: 64_000,/);
    assert.deepEqual(await findings(text, 'typescript', 'nonstreaming-max-tokens'), []);
  });

  it('or lowers max_tokens to the non-streaming bound (keeping the literal style; never in Fix All)', async () => {
    const { text, action } = await applyFix(
      TS,
      'typescript',
      'nonstreaming-max-tokens',
      'nonstreaming-max-tokens.lower',
    );
    assert.equal(action.title, 'Lower max_tokens to 21,333');
    assert.equal(action.isPreferred, false);
    assert.equal(action.safeForFixAll, false);
    assert.match(text, /max_tokens: 21_333,/);
    assert.deepEqual(await findings(text, 'typescript', 'nonstreaming-max-tokens'), []);
  });

  it('Python: `with client.messages.stream(...) as stream:` and get_final_message(), sync and async', async () => {
    const py = (client: string, aw: string): string =>
      lines(
        'import anthropic',
        '',
        `client = anthropic.${client}()`,
        '',
        '',
        `${aw ? 'async ' : ''}def spec(req):`,
        `    msg = ${aw}client.messages.create(`,
        '        model="claude-opus-4-6",',
        '        max_tokens=32000,',
        '        messages=[{"role": "user", "content": req}],',
        '    )',
        '    return msg.content[0].text',
      );
    const syncSource = py('Anthropic', '');
    const sync = await applyFix(
      syncSource,
      'python',
      'nonstreaming-max-tokens',
      'nonstreaming-max-tokens.stream',
    );
    assert.match(
      sync.text,
      /\n {4}with client\.messages\.stream\(\n[\s\S]*\n {4}\) as stream:\n {8}msg = stream\.get_final_message\(\)\n {4}return/,
    );
    assert.equal(await pyChecks(sync.text, syncSource), '');
    const asyncSource = py('AsyncAnthropic', 'await ');
    const asy = await applyFix(
      asyncSource,
      'python',
      'nonstreaming-max-tokens',
      'nonstreaming-max-tokens.stream',
    );
    assert.match(
      asy.text,
      /\n {4}async with client\.messages\.stream\([\s\S]*\) as stream:\n {8}msg = await stream\.get_final_message\(\)/,
    );
    assert.equal(await pyChecks(asy.text, asyncSource), '');
    assert.deepEqual(await findings(asy.text, 'python', 'nonstreaming-max-tokens'), []);
  });

  it('lowers to the model maximum when that is the reason (no streaming offered)', async () => {
    const src = TS.replace("'claude-sonnet-4-5'", "'claude-haiku-4-5'")
      .replace('64_000', '100000')
      .replace('create(', 'stream(');
    const actions = await fixes(src, 'typescript', 'nonstreaming-max-tokens');
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Lower max_tokens to 64,000'],
    );
  });
});

describe('fix: string-matched-error', () => {
  const TS = lines(
    "import Anthropic from '@anthropic-ai/sdk';",
    'const client = new Anthropic();',
    'export async function review(diff: string) {',
    '  try {',
    "    return await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 99, messages: [{ role: 'user', content: diff }] });",
    '  } catch (err) {',
    "    if (err instanceof Error && err.message.includes('429')) {",
    "      throw new Error('busy');",
    '    }',
    '    throw err;',
    '  }',
    '}',
  );

  it('tests the class through the default import', async () => {
    const { text, action } = await applyFix(TS, 'typescript', 'string-matched-error');
    assert.equal(action.title, 'Test the class: err instanceof Anthropic.RateLimitError');
    assert.match(text, /if \(err instanceof Error && err instanceof Anthropic\.RateLimitError\) \{/);
    assert.deepEqual(await findings(text, 'typescript', 'string-matched-error'), []);
  });

  it('uses a named import when the file has one, and negates a negated test', async () => {
    const src = TS.replace(
      "import Anthropic from '@anthropic-ai/sdk';",
      "import { Anthropic, RateLimitError } from '@anthropic-ai/sdk';",
    ).replace("err.message.includes('429')", "!err.message.includes('429')");
    const { text } = await applyFix(src, 'typescript', 'string-matched-error');
    assert.match(text, /err instanceof Error && !\(err instanceof RateLimitError\)/);
  });

  it('Python: isinstance with the module the file imports, or the name it adds to `from anthropic import`', async () => {
    const py = (imp: string, ctor: string): string =>
      lines(
        imp,
        '',
        `client = ${ctor}()`,
        '',
        '',
        'def answer(q):',
        '    try:',
        '        return client.messages.create(model="claude-sonnet-4-5", max_tokens=8, messages=[])',
        '    except Exception as e:',
        '        if "rate limit" in str(e).lower():',
        '            return None',
        '        raise',
      );
    const mod = await applyFix(
      py('import anthropic', 'anthropic.Anthropic'),
      'python',
      'string-matched-error',
    );
    assert.match(mod.text, /if isinstance\(e, anthropic\.RateLimitError\):/);
    const fromSource = py('from anthropic import Anthropic', 'Anthropic');
    const from = await applyFix(fromSource, 'python', 'string-matched-error');
    assert.match(from.text, /^from anthropic import Anthropic, RateLimitError$/m);
    assert.match(from.text, /if isinstance\(e, RateLimitError\):/);
    assert.equal(await pyChecks(from.text, fromSource), '');
  });
});

describe('fix: hardcoded-api-key', () => {
  const KEY = 'sk-ant-api03-' + 'FAKE'.repeat(23) + 'fakeAA';

  it('reads process.env.ANTHROPIC_API_KEY', async () => {
    const src = lines(
      "import Anthropic from '@anthropic-ai/sdk';",
      `const client = new Anthropic({ apiKey: '${KEY}' });`,
      'export default client;',
    );
    const { text, action } = await applyFix(src, 'typescript', 'hardcoded-api-key');
    assert.equal(action.title, 'Read the key from process.env.ANTHROPIC_API_KEY');
    // The program then depends on the environment: an individual fix, never Fix All.
    assert.equal(action.safeForFixAll, false);
    assert.match(text, /new Anthropic\(\{ apiKey: process\.env\.ANTHROPIC_API_KEY \}\)/);
    assert.ok(!text.includes('sk-ant-'));
  });

  it('keeps a declared string type', async () => {
    const src = lines(`export const KEY: string = '${KEY}';`);
    const { text } = await applyFix(src, 'typescript', 'hardcoded-api-key');
    assert.equal(text, "export const KEY: string = process.env.ANTHROPIC_API_KEY ?? '';\n");
  });

  it('a JSX attribute gets braces', async () => {
    const src = lines(
      "import { Provider } from './provider';",
      `export const App = () => <Provider apiKey="${KEY}" />;`,
    );
    const { text } = await applyFix(src, 'typescriptreact', 'hardcoded-api-key');
    assert.match(text, /<Provider apiKey=\{process\.env\.ANTHROPIC_API_KEY\} \/>/);
  });

  it('Python: os.environ with the file’s quotes, adding `import os` once', async () => {
    const src = lines(
      'import anthropic',
      '',
      `KEY = '${KEY}'`,
      `OTHER = '${KEY.replace('FAKE', 'EKAF')}'`,
      'client = anthropic.Anthropic(api_key=KEY)',
    );
    const first = await applyFix(src, 'python', 'hardcoded-api-key');
    assert.equal(first.action.title, "Read the key from os.environ['ANTHROPIC_API_KEY']");
    assert.match(first.text, /^import os\n\nimport anthropic\n/);
    const second = await applyFix(first.text, 'python', 'hardcoded-api-key');
    assert.equal(count(second.text, 'import os'), 1);
    assert.equal(count(second.text, "os.environ['ANTHROPIC_API_KEY']"), 2);
    assert.equal(await pyChecks(second.text, src), '');
  });

  it('keeps the rest of a longer string: template interpolation, concatenation, f-strings', async () => {
    const tpl = lines(`export const env = \`ANTHROPIC_API_KEY=${KEY}\nMODEL=x\n\`;`);
    const t = await applyFix(tpl, 'typescript', 'hardcoded-api-key');
    assert.match(t.text, /`ANTHROPIC_API_KEY=\$\{process\.env\.ANTHROPIC_API_KEY\}\nMODEL=x\n`/);
    const py = lines(`HEADER = "Bearer ${KEY}"`);
    const p = await applyFix(py, 'python', 'hardcoded-api-key');
    assert.equal(p.text, 'import os\n\nHEADER = "Bearer " + os.environ["ANTHROPIC_API_KEY"]\n');
    assert.equal(await pyChecks(p.text, py), '');
    const fSource = lines('import os', `HEADER = f"Bearer ${KEY} for {os.getpid()}"`);
    const f = await applyFix(fSource, 'python', 'hardcoded-api-key');
    assert.match(
      f.text,
      /^HEADER = f"Bearer \{os\.environ\['ANTHROPIC_API_KEY'\]\} for \{os\.getpid\(\)\}"$/m,
    );
    assert.equal(await pyChecks(f.text, fSource), '');
  });
});
