import * as assert from 'node:assert/strict';
import { applyFix, findings, lines } from './helpers';
import { pyChecks } from './toolchain';

describe('fix: no dead code left behind', () => {
  it('a retry loop whose try returns takes the give-up throw after it (it can no longer run)', async () => {
    const src = lines(
      "const Anthropic = require('@anthropic-ai/sdk');",
      'const client = new Anthropic();',
      'async function ask(q) {',
      '  for (let attempt = 0; attempt < 5; attempt++) {',
      '    try {',
      "      return await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [] });",
      '    } catch (err) {',
      '      await new Promise((r) => setTimeout(r, 1000));',
      '    }',
      '  }',
      "  throw new Error('gave up');",
      '}',
      'module.exports = { ask };',
    );
    const { text } = await applyFix(src, 'javascript', 'naive-retry');
    assert.doesNotMatch(text, /gave up/);
    assert.match(
      text,
      /async function ask\(q\) \{\n {2}return await client\.messages\.create\([^\n]*\);\n\}\n/,
    );
    assert.deepEqual(await findings(text, 'javascript', 'naive-retry'), []);
  });

  it('a loop that breaks on success keeps what follows it (still reachable)', async () => {
    const src = lines(
      "import Anthropic from '@anthropic-ai/sdk';",
      'const client = new Anthropic();',
      'export async function ask(q: string) {',
      '  let text = "";',
      '  while (true) {',
      '    try {',
      "      const m = await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [] });",
      "      text = m.content[0]?.type === 'text' ? m.content[0].text : '';",
      '      break;',
      '    } catch {',
      '      continue;',
      '    }',
      '  }',
      '  return text;',
      '}',
    );
    const { text } = await applyFix(src, 'typescript', 'naive-retry');
    assert.match(text, /\n {2}return text;\n\}/);
    assert.doesNotMatch(text, /break|while/);
  });

  it('removes a counter, a helper and imports only the removed code used; keeps names still used', async () => {
    const src = lines(
      'import asyncio',
      'import time',
      'from anthropic import AsyncAnthropic, RateLimitError',
      '',
      'client = AsyncAnthropic()',
      '',
      '',
      'def pause():',
      '    time.sleep(1)',
      '',
      '',
      'async def ask(q):',
      '    tries = 0',
      '    while tries < 5:',
      '        tries += 1',
      '        try:',
      '            return await client.messages.create(model="claude-haiku-4-5", max_tokens=5, messages=[])',
      '        except RateLimitError:',
      '            pause()',
      '            await asyncio.sleep(1)',
      '    raise RuntimeError("gave up")',
    );
    const { text } = await applyFix(src, 'python', 'naive-retry');
    assert.equal(
      text,
      lines(
        'from anthropic import AsyncAnthropic',
        '',
        'client = AsyncAnthropic(max_retries=6)',
        '',
        '',
        'async def ask(q):',
        '    return await client.messages.create(model="claude-haiku-4-5", max_tokens=5, messages=[])',
      ),
    );
    assert.equal(await pyChecks(text, src), '');
  });

  it('two adjacent module constants the fix orphans go together, leaving the larger blank gap (at most two)', async () => {
    const src = lines(
      'import time',
      '',
      'import anthropic',
      '',
      'RETRY_DELAY = 10',
      'MAX_TRIES = 5',
      '',
      '',
      'class Labels:',
      '    SPAM = "spam"',
      '',
      '',
      'client = anthropic.Anthropic()',
      '',
      '',
      'def classify(text, tries=0):',
      '    try:',
      '        msg = client.messages.create(model="claude-haiku-4-5", max_tokens=5, messages=[])',
      '        return msg.content[0].text',
      '    except Exception:',
      '        if tries >= MAX_TRIES:',
      '            raise',
      '        time.sleep(RETRY_DELAY)',
      '        return classify(text, tries + 1)',
    );
    const { text } = await applyFix(src, 'python', 'naive-retry');
    assert.ok(text.startsWith('import anthropic\n\n\nclass Labels:\n'), text);
    assert.equal(await pyChecks(text, src), '');
  });

  it('TS: adjacent orphaned constants go together without doubling the blank line', async () => {
    const src = lines(
      "import Anthropic from '@anthropic-ai/sdk';",
      '',
      'const client = new Anthropic();',
      '',
      'const RETRY_DELAY = 1000;',
      'const MAX_TRIES = 5;',
      '',
      'export async function ask(q: string, tries = 0): Promise<Anthropic.Message> {',
      '  try {',
      "    return await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [] });",
      '  } catch (err) {',
      '    if (tries >= MAX_TRIES) throw err;',
      '    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY));',
      '    return ask(q, tries + 1);',
      '  }',
      '}',
    );
    const { text } = await applyFix(src, 'typescript', 'naive-retry');
    assert.match(
      text,
      /^import Anthropic[^\n]*\n\nconst client = new Anthropic\(\{ maxRetries: 6 \}\);\n\nexport async function ask\(/,
      text,
    );
  });
});
