import * as assert from 'node:assert/strict';
import { type ModelMeasurement, applyEdits, fixesFor } from '../../../src/core/fix';
import { applyFix, count, findings, fixes, lines, withFixContext } from './helpers';

const TS_FANOUT = lines(
  "import Anthropic from '@anthropic-ai/sdk';",
  '',
  'const client = new Anthropic();',
  '',
  'export async function summarize(docs: string[]) {',
  '  return Promise.all(',
  '    docs.map((doc) =>',
  '      client.messages.create({',
  "        model: 'claude-haiku-4-5',",
  '        max_tokens: 256,',
  "        messages: [{ role: 'user', content: doc }],",
  '      }),',
  '    ),',
  '  );',
  '}',
);

describe('fix: unbounded-fanout (JS/TS)', () => {
  it('wraps a call reached from many sites once (a limiter nested in itself would deadlock)', async () => {
    const src = lines(
      "import Anthropic from '@anthropic-ai/sdk';",
      'const client = new Anthropic();',
      'async function ask(prompt: string) {',
      "  return client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 300, messages: [{ role: 'user', content: prompt }] });",
      '}',
      'export async function twentyTakes(topic: string) {',
      '  return Promise.all([',
      ...'ABCDEFGHIJKLMNOPQRST'.split('').map((c) => `    ask(\`${c}: \${topic}\`),`),
      '  ]);',
      '}',
    );
    for (const id of ['unbounded-fanout.semaphore', 'unbounded-fanout.with-backoff']) {
      const { text } = await applyFix(src, 'typescript', 'unbounded-fanout', id);
      assert.equal(count(text, id.endsWith('semaphore') ? 'limit.run(' : 'withBackoff(() =>'), 1, text);
    }
  });

  it('routes each call through p-limit when the project depends on it', async () => {
    const { text, action } = await applyFix(TS_FANOUT, 'typescript', 'unbounded-fanout', undefined, {
      projectDeps: { pLimit: true, tenacity: false, moduleStyle: 'esm' },
    });
    assert.equal(
      action.title,
      'Cap concurrency at 8 with p-limit (from settings; not sized: no rate limits measured for claude-haiku-4-5 yet)',
    );
    assert.ok(action.safeForFixAll);
    assert.match(
      text,
      /^import Anthropic from '@anthropic-ai\/sdk';\nimport pLimit from 'p-limit';\n\nconst limit = pLimit\(8\);\n\nconst client/m,
    );
    assert.match(text, /limit\(\(\) =>\n {8}client\.messages\.create\(\{\n {10}model/);
    assert.deepEqual(await findings(text, 'typescript', 'unbounded-fanout'), []);
  });

  it('inserts one typed Semaphore helper otherwise, and reuses it for the next fan-out', async () => {
    const two = TS_FANOUT + TS_FANOUT.split('\n').slice(4).join('\n').replace('summarize', 'summarizeAgain');
    assert.equal((await findings(two, 'typescript', 'unbounded-fanout')).length, 2);
    const first = await applyFix(two, 'typescript', 'unbounded-fanout');
    assert.equal(
      first.action.title,
      'Cap concurrency at 8 with a semaphore (from settings; not sized: no rate limits measured for claude-haiku-4-5 yet)',
    );
    assert.equal(count(first.text, 'class Semaphore'), 1);
    assert.match(first.text, /async run<T>\(task: \(\) => PromiseLike<T> \| T\): Promise<T>/);
    assert.equal(count(first.text, /limit\.run\(\(\) =>\s+client\.messages\.create\(/), 1);
    const second = await applyFix(first.text, 'typescript', 'unbounded-fanout');
    assert.equal(second.action.title, 'Cap concurrency with the existing limiter `limit`');
    assert.equal(count(second.text, 'class Semaphore'), 1);
    assert.equal(count(second.text, 'new Semaphore('), 1);
    assert.equal(count(second.text, /limit\.run\(\(\) =>\s+client\.messages\.create\(/), 2);
    assert.deepEqual(await findings(second.text, 'typescript', 'unbounded-fanout'), []);
  });

  it('is idempotent: the fixed file has no finding, so nothing is offered again', async () => {
    const { text } = await applyFix(TS_FANOUT, 'typescript', 'unbounded-fanout');
    const again = await findings(text, 'typescript');
    assert.deepEqual(
      again.filter((f) => f.rule === 'unbounded-fanout'),
      [],
    );
  });

  it('writes the helper in JavaScript (JSDoc types) for .js files, with the file’s tabs', async () => {
    const src = TS_FANOUT.replace('(docs: string[])', '(docs)')
      .replace(/^ {2}/gm, '\t')
      .replace(/\t {2}/g, '\t\t');
    const { text } = await applyFix(src, 'javascript', 'unbounded-fanout');
    assert.match(
      text,
      /\nclass Semaphore \{\n\tactive = 0;\n\t\/\*\* @type \{Array<\(value\?: unknown\) => void>\} \*\/\n\twaiting = \[\];/,
    );
    assert.doesNotMatch(text, /private|: number/);
  });

  it('follows double quotes and no semicolons', async () => {
    const src = TS_FANOUT.replace(/'/g, '"').replace(/;$/gm, '');
    const { text } = await applyFix(src, 'typescript', 'unbounded-fanout', undefined, {
      projectDeps: { pLimit: true, tenacity: false },
    });
    assert.match(text, /^import pLimit from "p-limit"$/m);
    assert.match(text, /^const limit = pLimit\(8\)$/m);
  });

  it('requires p-limit in CommonJS only when it is a CommonJS version (< 4); else uses the helper', async () => {
    const cjs = TS_FANOUT.replace(
      "import Anthropic from '@anthropic-ai/sdk';",
      "const Anthropic = require('@anthropic-ai/sdk');",
    )
      .replace('export async function', 'async function')
      .replace('(docs: string[])', '(docs)');
    const v3 = await applyFix(cjs, 'javascript', 'unbounded-fanout', undefined, {
      projectDeps: { pLimit: true, pLimitMajor: 3, tenacity: false, moduleStyle: 'commonjs' },
    });
    assert.match(v3.text, /^const pLimit = require\('p-limit'\);\n\nconst limit = pLimit\(8\);$/m);
    const v6 = await applyFix(cjs, 'javascript', 'unbounded-fanout', undefined, {
      projectDeps: { pLimit: true, pLimitMajor: 6, tenacity: false, moduleStyle: 'commonjs' },
    });
    assert.match(v6.text, /class Semaphore/);
    assert.doesNotMatch(v6.text, /p-limit/);
  });

  it('names the limiter so it does not clash with the file’s own `limit`', async () => {
    const src = TS_FANOUT.replace('(docs: string[])', '(docs: string[], limit = 10)').replace(
      '  return Promise.all(',
      '  console.log(`${docs.length} docs, limit ${limit}`);\n  return Promise.all(',
    );
    const { text } = await applyFix(src, 'typescript', 'unbounded-fanout');
    assert.match(text, /const limit2 = new Semaphore\(8\);/);
    assert.match(text, /limit2\.run\(\(\) =>\s+client/);
  });

  it('wraps streams only through their final message', async () => {
    const src = lines(
      "import Anthropic from '@anthropic-ai/sdk';",
      'const client = new Anthropic();',
      'export function all(xs: string[]) {',
      '  return Promise.all(',
      "    xs.map((x) => client.messages.stream({ model: 'claude-haiku-4-5', max_tokens: 9, messages: [{ role: 'user', content: x }] }).finalMessage()),",
      '  );',
      '}',
    );
    const { text } = await applyFix(src, 'typescript', 'unbounded-fanout');
    assert.match(text, /limit\.run\(\(\) => client\.messages\.stream\(\{[^\n]*\}\)\.finalMessage\(\)\)\)/);
  });

  it('keeps .withResponse() inside the wrapper (only the SDK promise has it)', async () => {
    const src = TS_FANOUT.replace('      }),\n    ),', '      }).withResponse(),\n    ),');
    const { text } = await applyFix(src, 'typescript', 'unbounded-fanout');
    assert.match(
      text,
      /limit\.run\(\(\) =>\n\s+client\.messages\.create\(\{[\s\S]*\}\)\.withResponse\(\),\n\s+\),\n/,
    );
  });

  it("offers a cap sized from the call's own model's limits, with the dated derivation in a comment", async () => {
    const measurements: ModelMeasurement[] = [
      {
        model: 'claude-haiku-4-5',
        requestsPerMinute: 50,
        inputTokensPerMinute: 50_000,
        outputTokensPerMinute: 10_000,
        limitsFrom: 'poll',
        measuredAt: 0,
        observedLatencyMs: 2400,
        inputTokensPerCall: 500,
        observedCalls: 12,
      },
    ];
    const actions = await fixes(TS_FANOUT, 'typescript', 'unbounded-fanout', {
      measurements,
      today: '2026-12-06',
    });
    const m = actions.find((a) => a.id.endsWith('.measured'));
    assert.ok(m);
    assert.equal(m.isPreferred, false);
    // RPM 50; ITPM 50,000 / 500 = 100; OTPM 10,000 / 256 = 39 (binds) → 39 × 2.4 s / 60 s = 1.56 → 1.
    assert.equal(m.title, 'Cap concurrency at 1 (OTPM binds for claude-haiku-4-5) with a semaphore');
    const text = applyEdits(TS_FANOUT, m.edits);
    assert.ok(
      text.includes(
        [
          '// Concurrency cap sized by Headroom on 2026-12-06 for claude-haiku-4-5 (limits from a poll):',
          '//   RPM  50 calls/min',
          '//   ITPM 50,000 / 500 input tokens per call (observed) = 100 calls/min',
          '//   OTPM 10,000 / 256 max_tokens = 39 calls/min  <- binds',
          '//   latency 2.4 s (median of 12 observed call(s))',
          '//   in flight <= 39 calls/min x 2.4 s / 60 s = 1',
          'const limit = new Semaphore(1);',
        ].join('\n'),
      ),
      text,
    );
    const preferred = actions.find((a) => a.isPreferred);
    assert.equal(preferred?.title, 'Cap concurrency at 8 with a semaphore');
  });

  it("without a measurement of the call's model, offers the setting's cap and says why", async () => {
    const other: ModelMeasurement = {
      model: 'claude-opus-4-6',
      requestsPerMinute: 50,
      limitsFrom: 'poll',
      measuredAt: 0,
      observedCalls: 0,
    };
    const actions = await withFixContext(TS_FANOUT, 'typescript', { measurements: [other] }, (found, ctx) =>
      fixesFor(found.find((f) => f.rule === 'unbounded-fanout') ?? found[0], ctx),
    );
    assert.ok(!actions.some((a) => a.id.endsWith('.measured')));
    assert.equal(
      actions.find((a) => a.isPreferred)?.title,
      'Cap concurrency at 8 with a semaphore (from settings; not sized: no rate limits measured for claude-haiku-4-5 yet)',
    );
    const unknown = TS_FANOUT.replace("model: 'claude-haiku-4-5'", 'model: pickModel(doc)').replace(
      'export async',
      'declare function pickModel(d: string): string;\nexport async',
    );
    const u = await fixes(unknown, 'typescript', 'unbounded-fanout', { measurements: [other] });
    assert.match(
      u.find((a) => a.isPreferred)?.title ?? '',
      /not sized: the call's model is not a literal or a constant of this file\)$/,
    );
  });

  it('reads the model and max_tokens through constants of the file', async () => {
    const src = TS_FANOUT.replace("model: 'claude-haiku-4-5'", 'model: MODEL')
      .replace('max_tokens: 256', 'max_tokens: MAX')
      .replace('const client', "const MODEL = 'claude-haiku-4-5';\nconst MAX = 512;\nconst client");
    const measurements: ModelMeasurement[] = [
      {
        model: 'claude-haiku-4-5',
        requestsPerMinute: 1000,
        outputTokensPerMinute: 512_000,
        limitsFrom: 'observed',
        measuredAt: 0,
        observedCalls: 0,
      },
    ];
    const actions = await fixes(src, 'typescript', 'unbounded-fanout', { measurements, today: '2026-12-06' });
    const m = actions.find((a) => a.id.endsWith('.measured'));
    // RPM 1,000 (binds; OTPM allows 1,000 too but is not lower); latency 512 / 35.6 tok/s = 14.4 s → 240.
    assert.equal(
      m?.title,
      'Cap concurrency at 240 (RPM binds for claude-haiku-4-5, latency estimated) with a semaphore',
    );
  });
});

const PY_GATHER = lines(
  'import asyncio',
  '',
  'from anthropic import AsyncAnthropic',
  '',
  'client = AsyncAnthropic()',
  '',
  '',
  'async def summarize(doc: str) -> str:',
  '    msg = await client.messages.create(',
  '        model="claude-haiku-4-5",',
  '        max_tokens=256,',
  '        messages=[{"role": "user", "content": doc}],',
  '    )',
  '    return msg.content[0].text',
  '',
  '',
  'async def summarize_all(docs: list[str]) -> list[str]:',
  '    return await asyncio.gather(*[summarize(d) for d in docs])',
);

describe('fix: unbounded-fanout (Python)', () => {
  it('holds a module-level asyncio.Semaphore with `async with` around the awaited call', async () => {
    const { text, action } = await applyFix(PY_GATHER, 'python', 'unbounded-fanout');
    assert.equal(
      action.title,
      'Cap concurrency at 8 with asyncio.Semaphore (from settings; not sized: no rate limits measured for claude-haiku-4-5 yet)',
    );
    assert.match(text, /\n\nclaude_semaphore = asyncio\.Semaphore\(8\)\n\n\nclient = AsyncAnthropic\(\)/);
    assert.match(
      text,
      /\n {4}async with claude_semaphore:\n {8}msg = await client\.messages\.create\(\n {12}model="claude-haiku-4-5",\n[\s\S]* {8}\)\n {4}return msg/,
    );
    assert.deepEqual(await findings(text, 'python', 'unbounded-fanout'), []);
  });

  it('keeps 2-space and tab indentation', async () => {
    const two = PY_GATHER.replace(/^( +)/gm, (ws) => ' '.repeat(ws.length / 2));
    const { text: t2 } = await applyFix(two, 'python', 'unbounded-fanout');
    assert.match(t2, /\n {2}async with claude_semaphore:\n {4}msg = await/);
    const tabs = PY_GATHER.replace(/^( +)/gm, (ws) => '\t'.repeat(ws.length / 4));
    const { text: tt } = await applyFix(tabs, 'python', 'unbounded-fanout');
    assert.match(
      tt,
      /\n\tasync with claude_semaphore:\n\t\tmsg = await client\.messages\.create\(\n\t\t\tmodel=/,
    );
  });

  it('uses a small helper coroutine when the call sits in a comprehension', async () => {
    const src = lines(
      'import asyncio',
      'import anthropic',
      '',
      'client = anthropic.AsyncAnthropic()',
      '',
      '',
      'async def label(rows):',
      '    return await asyncio.gather(',
      '        *[client.messages.create(model="claude-haiku-4-5", max_tokens=8, messages=[{"role": "user", "content": r}]) for r in rows]',
      '    )',
    );
    const { text } = await applyFix(src, 'python', 'unbounded-fanout');
    assert.match(
      text,
      /\nasync def limited\(coro\):\n {4}"""[^\n]*"""\n {4}async with claude_semaphore:\n {8}return await coro\n/,
    );
    assert.match(text, /\*\[limited\(client\.messages\.create\([^\n]*\)\) for r in rows\]/);
    assert.deepEqual(await findings(text, 'python', 'unbounded-fanout'), []);
  });

  it('caps TaskGroup loops the same way', async () => {
    const src = PY_GATHER.replace(
      '    return await asyncio.gather(*[summarize(d) for d in docs])',
      '    async with asyncio.TaskGroup() as tg:\n        tasks = [tg.create_task(summarize(d)) for d in docs]\n    return [t.result() for t in tasks]',
    );
    const { text } = await applyFix(src, 'python', 'unbounded-fanout');
    assert.match(text, /async with claude_semaphore:\n {8}msg = await/);
    assert.deepEqual(await findings(text, 'python', 'unbounded-fanout'), []);
  });

  it('bounds max_workers of a thread pool', async () => {
    const src = lines(
      'from concurrent.futures import ThreadPoolExecutor',
      'from anthropic import Anthropic',
      '',
      'client = Anthropic()',
      '',
      '',
      'def ask(q):',
      '    return client.messages.create(model="claude-haiku-4-5", max_tokens=9, messages=[{"role": "user", "content": q}])',
      '',
      '',
      'def ask_all(qs):',
      '    with ThreadPoolExecutor() as pool:',
      '        return list(pool.map(ask, qs))',
    );
    const { text, action } = await applyFix(src, 'python', 'unbounded-fanout');
    assert.equal(
      action.title,
      'Cap concurrency at 8 with max_workers=8 (from settings; not sized: no rate limits measured for claude-haiku-4-5 yet)',
    );
    assert.match(text, /ThreadPoolExecutor\(max_workers=8\) as pool/);
    assert.deepEqual(await findings(text, 'python', 'unbounded-fanout'), []);
    const { text: t64 } = await applyFix(
      src.replace('ThreadPoolExecutor()', 'ThreadPoolExecutor(64)'),
      'python',
      'unbounded-fanout',
    );
    assert.match(t64, /ThreadPoolExecutor\(8\) as pool/);
  });
});
