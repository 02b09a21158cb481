/**
 * The advice rules' fixes, run: the Batch API version that `batchable-fanout` generates and
 * the `cache_control` that `uncached-prompt` adds, applied by the generators to TypeScript
 * sources, transpiled with esbuild and run through the real `@anthropic-ai/sdk` against the
 * local Anthropic-compatible server; and the model swap of `model-routing`.
 */
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { transformSync } from 'esbuild';
import type { RuleId } from '../../../src/core/lint';
import { applyFix, findings, lines, repoRoot } from '../fix/helpers';
import { type BatchResultType, type MockAnthropic, startMockAnthropic } from '../../mock-anthropic/server';

const KEY = 'sk-ant-api03-advice-rules-test';
const MODEL = 'claude-sonnet-4-6';

interface Sandbox {
  /** Delays the code asked `setTimeout` for (they fire at once). */
  delays: number[];
  warnings: string[];
}

/** Transpiles TypeScript and loads it as a CommonJS module with a fake `setTimeout` and `console`. */
function load(ts: string, sandbox: Sandbox): Record<string, unknown> {
  const { code } = transformSync(ts, { loader: 'ts', format: 'cjs', target: 'node20' });
  const mod = { exports: {} as Record<string, unknown> };
  const fn = vm.runInThisContext(
    `(function (require, module, exports, setTimeout, console, process) {${code}\n})`,
  ) as (...args: unknown[]) => void;
  const fakeTimeout = (resolve: () => void, ms: number): void => {
    sandbox.delays.push(ms);
    setImmediate(resolve);
  };
  const fakeConsole = { ...console, warn: (...a: unknown[]) => sandbox.warnings.push(a.join(' ')) };
  fn(createRequire(path.join(repoRoot, 'package.json')), mod, mod.exports, fakeTimeout, fakeConsole, process);
  return mod.exports;
}

async function fixed(text: string, rule: RuleId): Promise<string> {
  const found = await findings(text, 'typescript', rule);
  assert.equal(found.length, 1, `one ${rule} finding`);
  const { text: after, action } = await applyFix(text, 'typescript', rule);
  assert.equal(action.safeForFixAll, false, 'advice fixes are never applied unattended');
  assert.deepEqual(await findings(after, 'typescript', rule), [], `the fix clears ${rule}`);
  return after;
}

describe('advice rules: the fixes run (real SDK, local server)', function () {
  this.timeout(60_000);
  let mock: MockAnthropic;
  let now = Date.UTC(2026, 0, 1);
  const saved = process.env.HEADROOM_ADVICE_MOCK_URL;

  before(async () => {
    mock = await startMockAnthropic({ apiKey: KEY, now: () => now, limits: { itpm: 200_000, rpm: 1000 } });
    process.env.HEADROOM_ADVICE_MOCK_URL = mock.url;
  });
  after(async () => {
    await mock?.close();
    if (saved === undefined) {
      delete process.env.HEADROOM_ADVICE_MOCK_URL;
    } else {
      process.env.HEADROOM_ADVICE_MOCK_URL = saved;
    }
  });
  beforeEach(() => {
    now = Date.UTC(2026, 0, 1);
    mock.reset();
    mock.batches.clear();
  });

  describe('batchable-fanout: the generated Batch API version', () => {
    const N = 12;
    const SOURCE = lines(
      "import Anthropic from '@anthropic-ai/sdk';",
      "import { writeFileSync } from 'node:fs';",
      '',
      `const client = new Anthropic({ baseURL: process.env.HEADROOM_ADVICE_MOCK_URL, apiKey: '${KEY}', maxRetries: 0 });`,
      '',
      'export async function main(tickets: string[]) {',
      '  const labels: string[] = [];',
      '  for (const ticket of tickets) {',
      '    const prompt = `Summarise:\\n${ticket}`;',
      '    const res = await client.messages.create({',
      `      model: '${MODEL}',`,
      '      max_tokens: 1024,',
      "      messages: [{ role: 'user', content: prompt }],",
      '    });',
      "    labels.push(res.content[0]?.type === 'text' ? res.content[0].text : '');",
      '  }',
      "  writeFileSync('labels.json', JSON.stringify(labels));",
      '  return labels;',
      '}',
      '',
      'if (require.main === module) {',
      '  void main(process.argv.slice(2));',
      '}',
    );

    it(`${N} items in, ${N} results mapped back by custom_id; errored and expired items reported`, async () => {
      const after = await fixed(SOURCE, 'batchable-fanout');
      assert.match(after, /async function ticketsViaBatch\(\)/);
      // The user switches over: main returns the batch version instead of running the loop.
      const loop = after.lastIndexOf('  for (const ticket of tickets) {');
      assert.ok(
        loop > after.indexOf('async function ticketsViaBatch'),
        'the original loop follows the batch version',
      );
      const switched = `${after.slice(0, loop)}  return ticketsViaBatch();\n${after.slice(loop)}`;
      const outcomes: Record<string, BatchResultType> = { 'item-3': 'errored', 'item-7': 'expired' };
      mock.batches.setOptions({ pollsUntilEnded: 3, outcome: (id) => outcomes[id] });
      const sandbox: Sandbox = { delays: [], warnings: [] };
      const mod = load(switched, sandbox);
      // Items of different lengths: each answer's input tokens say which item it answers.
      const tickets = Array.from({ length: N }, (_, i) => 'word '.repeat(8 * (i + 1)));
      const out = (await (mod.main as (t: string[]) => Promise<unknown>)(tickets)) as {
        messages: Array<{ usage: { input_tokens: number } } | null>;
        failed: Array<{ index: number; type: string }>;
      };
      assert.equal(out.messages.length, N);
      assert.deepEqual(
        out.failed.map((f) => [f.index, f.type]),
        [
          [3, 'errored'],
          [7, 'expired'],
        ],
      );
      for (const [i, m] of out.messages.entries()) {
        if (i === 3 || i === 7) {
          assert.equal(m, null);
          continue;
        }
        const expected = Math.ceil(`Summarise:\n${tickets[i]}`.length / 4);
        assert.equal(m?.usage.input_tokens, expected, `messages[${i}] answers item ${i}`);
      }
      // Polled with backoff until the batch ended, then read the results once.
      assert.deepEqual(sandbox.delays, [5_000, 10_000, 20_000]);
      assert.deepEqual(
        sandbox.warnings.map((w) => w.replace(/msgbatch_\w+/, 'B')),
        ['batch B: request 3 errored', 'batch B: request 7 expired'],
      );
      const stats = mock.stats();
      assert.equal(stats.byEndpoint['POST /v1/messages/batches'], 1);
      assert.equal(stats.byEndpoint['POST /v1/messages'], undefined, 'no live Messages request');
    });
  });

  describe('uncached-prompt: cache_control on the system prompt', () => {
    const CALLS = 10;
    const POLICY = 'Triage rule: read the whole ticket, quote ids exactly, never invent facts. '.repeat(150);
    const SOURCE = lines(
      "import Anthropic from '@anthropic-ai/sdk';",
      '',
      `const client = new Anthropic({ baseURL: process.env.HEADROOM_ADVICE_MOCK_URL, apiKey: '${KEY}', maxRetries: 0 });`,
      '',
      `const POLICY = '${POLICY}';`,
      '',
      'export async function triage(tickets: string[]): Promise<Anthropic.Usage[]> {',
      '  const usage: Anthropic.Usage[] = [];',
      '  for (const ticket of tickets) {',
      '    const res = await client.messages.create({',
      `      model: '${MODEL}',`,
      '      max_tokens: 512,',
      '      system: POLICY,',
      "      messages: [{ role: 'user', content: ticket }],",
      '    });',
      '    usage.push(res.usage);',
      '  }',
      '  return usage;',
      '}',
    );
    const tickets = Array.from({ length: CALLS }, (_, i) => `ticket ${i}: the export button does nothing`);
    const run = async (
      text: string,
    ): Promise<
      Array<{
        input_tokens: number;
        cache_read_input_tokens: number | null;
        cache_creation_input_tokens: number | null;
      }>
    > => (load(text, { delays: [], warnings: [] }).triage as (t: string[]) => Promise<never>)(tickets);

    it('after the first call the prefix is read from the cache, and ITPM is charged only for the uncached part', async () => {
      const after = await fixed(SOURCE, 'uncached-prompt');
      assert.match(
        after,
        /system: \[\{ type: 'text', text: POLICY, cache_control: \{ type: 'ephemeral' \} \}\]/,
      );
      const prefix = Math.ceil(POLICY.length / 4);

      const before = await run(SOURCE);
      const uncachedCharge = mock.stats().inputTokens;
      assert.ok(before.every((u) => !u.cache_read_input_tokens && u.input_tokens > prefix));

      mock.reset();
      const usage = await run(after);
      const cachedCharge = mock.stats().inputTokens;
      assert.equal(usage[0].cache_creation_input_tokens, prefix);
      assert.equal(usage[0].cache_read_input_tokens, 0);
      for (const u of usage.slice(1)) {
        assert.equal(u.cache_read_input_tokens, prefix, 'later calls read the prefix');
        assert.equal(u.cache_creation_input_tokens, 0);
      }
      // ITPM: one write of the prefix plus each call's own few tokens, not the prefix ten times.
      const own = usage.reduce((s, u) => s + u.input_tokens, 0);
      assert.equal(cachedCharge, prefix + own);
      assert.equal(
        uncachedCharge,
        before.reduce((s, u) => s + u.input_tokens, 0),
      );
      assert.ok(uncachedCharge > 9 * cachedCharge, `${uncachedCharge} vs ${cachedCharge}`);
    });
  });

  describe('model-routing: the model swap', () => {
    it('swaps the model id for claude-haiku-4-5 and leaves a one-line reason (TS and Python)', async () => {
      const ts = lines(
        "import Anthropic from '@anthropic-ai/sdk';",
        'const client = new Anthropic();',
        'export async function label(xs: string[]) {',
        '  const out = [];',
        '  for (const x of xs) {',
        "    out.push(await client.messages.create({ model: 'claude-opus-4-6', max_tokens: 8, messages: [{ role: 'user', content: x }] }));",
        '  }',
        '  return out;',
        '}',
      );
      const { text, action } = await applyFix(ts, 'typescript', 'model-routing');
      assert.equal(action.safeForFixAll, false);
      const changed = text.split('\n').filter((l) => !ts.includes(l));
      assert.equal(changed.length, 2);
      assert.match(
        changed[0],
        /^ {4}\/\/ Routed from claude-opus-4-6 by Headroom: classification-sized output \(max_tokens 8\).*per 1,000 calls\.$/,
      );
      assert.match(changed[1], /model: 'claude-haiku-4-5', max_tokens: 8/);

      const py = lines(
        'import anthropic',
        'client = anthropic.Anthropic()',
        'MODEL = "claude-sonnet-4-6"',
        'def label(xs):',
        '    return [client.messages.create(model=MODEL, max_tokens=20, messages=[{"role": "user", "content": x}]) for x in xs]',
      );
      const fixedPy = (await applyFix(py, 'python', 'model-routing')).text;
      assert.match(
        fixedPy,
        /\n {4}# Routed from MODEL \(claude-sonnet-4-6\) by Headroom: .*\n {4}return \[client\.messages\.create\(model="claude-haiku-4-5", max_tokens=20/,
      );
      assert.deepEqual(await findings(fixedPy, 'python', 'model-routing'), []);
    });

    it('on an imported constant named for Opus, says the name is the evidence and keeps it in the reason', async () => {
      const ts = lines(
        "import Anthropic from '@anthropic-ai/sdk';",
        "import { MODEL_OPUS } from './models';",
        'const client = new Anthropic();',
        'export async function label(xs: string[]) {',
        '  const out = [];',
        '  for (const x of xs) {',
        "    out.push(await client.messages.create({ model: MODEL_OPUS, max_tokens: 8, messages: [{ role: 'user', content: x }] }));",
        '  }',
        '  return out;',
        '}',
      );
      const [f] = await findings(ts, 'typescript', 'model-routing');
      assert.ok(f);
      assert.match(
        f.message,
        /^A 8-token answer per item from `MODEL_OPUS` \(named for Opus\): consider Claude Haiku 4\.5\. /,
      );
      assert.match(f.message, /`MODEL_OPUS` is imported: its value is not in this file/);
      assert.doesNotMatch(f.message, /per 1,000 calls/);
      const { text } = await applyFix(ts, 'typescript', 'model-routing');
      assert.match(
        text,
        /\n {4}\/\/ Routed from MODEL_OPUS \(named for Opus\) by Headroom: classification-sized output \(max_tokens 8\) once per item of a loop\.\n {4}out\.push\(await client\.messages\.create\(\{ model: 'claude-haiku-4-5'/,
      );
    });
  });
});
