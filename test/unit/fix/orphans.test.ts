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
});
