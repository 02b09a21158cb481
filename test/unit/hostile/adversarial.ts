/**
 * Generated adversarial inputs for the linter: deep nesting (calls, arrays, objects,
 * parentheses, functions, blocks), long chains and long strings, each around real Claude
 * API code so every rule's detector has work to do. Shared by the hostile suite (which
 * checks that time grows linearly) and the bench (which prints ms per 100 KB).
 */
import type { LintLanguage } from '../../../src/core/lint';

export interface AdversarialCase {
  name: string;
  language: LintLanguage;
  /** The input at nesting depth / repetition count `n` (its size grows linearly with n). */
  make(n: number): string;
}

const JS_HEAD = `import Anthropic from '@anthropic-ai/sdk';
const client = new Anthropic({ maxRetries: 0 });
`;
const JS_CALL = `client.messages.create({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'x' }] })`;

const PY_HEAD = `import anthropic
client = anthropic.Anthropic(max_retries=0)
`;
const PY_CALL = `client.messages.create(model="claude-haiku-4-5", messages=[{"role": "user", "content": "x"}])`;

const wrap = (n: number, open: string, inner: string, close: string): string =>
  `${open.repeat(n)}${inner}${close.repeat(n)}`;

export const ADVERSARIAL_CASES: readonly AdversarialCase[] = [
  {
    name: 'JS: a call nested in f( … )',
    language: 'typescript',
    make: (n) => `${JS_HEAD}${wrap(n, 'f(', JS_CALL, ')')};\n`,
  },
  {
    name: 'JS: nested parentheses',
    language: 'typescript',
    make: (n) => `${JS_HEAD}const v = ${wrap(n, '(', JS_CALL, ')')};\n`,
  },
  {
    name: 'JS: nested arrays',
    language: 'typescript',
    make: (n) => `${JS_HEAD}const v = ${wrap(n, '[', JS_CALL, ']')};\n`,
  },
  {
    name: 'JS: nested objects',
    language: 'typescript',
    make: (n) => `${JS_HEAD}const v = ${wrap(n, '{ a: ', JS_CALL, ' }')};\n`,
  },
  {
    name: 'JS: nested arrow functions',
    language: 'typescript',
    make: (n) => `${JS_HEAD}const v = ${wrap(n, 'async () => ', `await ${JS_CALL}`, '')};\n`,
  },
  {
    name: 'JS: nested blocks with retry loops',
    language: 'typescript',
    make: (n) =>
      `${JS_HEAD}async function go() {\n${wrap(n, 'while (true) { try { ', `return await ${JS_CALL};`, ' } catch (e) { if (String(e).includes("429")) continue; } }')}\n}\n`,
  },
  {
    name: 'JS: Promise.all over nested maps',
    language: 'typescript',
    make: (n) => `${JS_HEAD}const v = Promise.all(${wrap(n, 'xs.map((x) => ', JS_CALL, ')')});\n`,
  },
  {
    name: 'JS: a long member chain',
    language: 'typescript',
    make: (n) =>
      `${JS_HEAD}const v = client${'.messages'.repeat(n)}.create({ model: 'm', messages: [] });\n${JS_CALL};\n`,
  },
  {
    name: 'JS: many calls in sequence',
    language: 'typescript',
    make: (n) => `${JS_HEAD}async function go() {\n${`  await ${JS_CALL};\n`.repeat(n)}}\n`,
  },
  {
    name: 'JS: a long string',
    language: 'typescript',
    make: (n) => `${JS_HEAD}const s = '${'sk-ant-'.repeat(n)}';\n${JS_CALL};\n`,
  },
  {
    name: 'Python: a call nested in f( … )',
    language: 'python',
    make: (n) => `${PY_HEAD}v = ${wrap(n, 'f(', PY_CALL, ')')}\n`,
  },
  {
    name: 'Python: nested lists',
    language: 'python',
    make: (n) => `${PY_HEAD}v = ${wrap(n, '[', PY_CALL, ']')}\n`,
  },
  {
    name: 'Python: nested lambdas',
    language: 'python',
    make: (n) => `${PY_HEAD}v = ${wrap(n, '(lambda: ', PY_CALL, ')')}\n`,
  },
  {
    name: 'Python: nested retry loops',
    language: 'python',
    make: (n) => {
      let code = `${PY_HEAD}def go():\n`;
      for (let i = 0; i < n; i++) {
        const pad = '    '.repeat(i + 1);
        code += `${pad}while True:\n${pad}    try:\n${pad}        return ${PY_CALL}\n${pad}    except Exception as e:\n${pad}        if "429" in str(e):\n${pad}            continue\n`;
      }
      return code;
    },
  },
  {
    name: 'Python: asyncio.gather over many calls',
    language: 'python',
    make: (n) =>
      `${PY_HEAD}import asyncio\nasync def go():\n    await asyncio.gather(${`${PY_CALL}, `.repeat(n)})\n`,
  },
  {
    name: 'Python: a long string',
    language: 'python',
    make: (n) => `${PY_HEAD}s = "${'sk-ant-'.repeat(n)}"\n${PY_CALL}\n`,
  },
  {
    name: 'JS: many functions re-sending through a local function from their catch',
    language: 'typescript',
    make: (n) =>
      `${JS_HEAD}async function send(p: string) {\n  return ${JS_CALL};\n}\n${'async function go(p: string) {\n  try {\n    return await send(p);\n  } catch (e) {\n    return await send(p);\n  }\n}\n'.repeat(n)}`,
  },
  {
    name: 'JS: many tries testing error text, Claude reached through the app module',
    language: 'typescript',
    make: (n) =>
      `import { ask } from './claude';\nasync function go(p: string) {\n${'  try {\n    await ask(p);\n  } catch (e: any) {\n    if (/rate limit/i.test(e.message)) return;\n  }\n'.repeat(n)}}\n`,
  },
  {
    name: 'JS: tries nested in catches testing error text, Claude reached through the app module',
    language: 'typescript',
    make: (n) =>
      `import { ask } from './claude';\nasync function go(p: string) {\n${wrap(n, 'try { await ask(p); } catch (e: any) { if (/rate limit/i.test(e.message)) { return; }\n', '', '}')}\n}\n`,
  },
  {
    name: 'JS: tries nested in catches re-sending through a local function',
    language: 'typescript',
    make: (n) =>
      `${JS_HEAD}async function send(p: string) {\n  return ${JS_CALL};\n}\nasync function go(p: string) {\n${wrap(n, 'try { await send(p); } catch (e) { await sleep(1000);\n', '', '}')}\n}\n`,
  },
  {
    // (a pattern that starts with a name, `\w+By…`, read over each function's text took time
    // quadratic in a long word there: 0.3 s for one 20,000-character name)
    name: 'Python: per-item jobs with a long name in each body',
    language: 'python',
    make: (n) =>
      `${PY_HEAD}import json\n${`def job(rows):\n    ${'a'.repeat(4000)} = 1\n    out = []\n    for r in rows:\n        out.append(${PY_CALL})\n    json.dump(out, open("out.json", "w"))\n`.repeat(n)}`,
  },
  {
    name: 'JS: many raw fetches whose named bodies lack max_tokens',
    language: 'typescript',
    make: (n) =>
      `async function go(p: string) {\n${"  const body = { model: 'claude-haiku-4-5', messages: [{ role: 'user', content: p }] };\n  await fetch('https://api.anthropic.com/v1/messages', { method: 'POST', body: JSON.stringify(body) });\n".repeat(n)}}\n`,
  },
];

/** The smallest `n` whose input is at least `bytes` long (inputs grow with n). */
export function sizedInput(c: AdversarialCase, bytes: number): string {
  let n = 1;
  while (c.make(n).length < bytes) n *= 2;
  let lo = Math.floor(n / 2);
  while (lo + 1 < n) {
    const mid = (lo + n) >> 1;
    if (c.make(mid).length < bytes) lo = mid;
    else n = mid;
  }
  return c.make(n);
}
