/**
 * Issue 18 (engine part) and issue 12 for naive-retry, string-matched-error,
 * unbounded-fanout and nonstreaming-max-tokens: messages say what was seen, and every
 * message starts with one sentence of at most 100 characters (the Problems panel cuts the
 * rest); the call graph's summaries are computed once per file.
 */
import * as assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/lint';
import { FileContext } from '../../../src/core/lint/context';
import { callGraph } from '../../../src/core/lint/facts/callGraph';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { languageForPath } from '../../../src/core/lint';
import { fixtureFiles, fixturesDir, getEngine, lintFixture, markers } from '../lint/helpers';

/**
 * Retries by recursion, by a generic wrapper and around a local function (issue 18's
 * same-file shapes), in a folder of their own beside the lint corpus; the fix corpus and
 * Prettier checks (test/unit/fix) read this folder too, for the fixes these findings offer.
 */
const INTERPROCEDURAL_DIR = path.resolve(fixturesDir, '../interprocedural');
const interproceduralFiles = (): string[] =>
  ['python', 'ts'].flatMap((g) => fs.readdirSync(path.join(INTERPROCEDURAL_DIR, g)).map((f) => `${g}/${f}`));

async function lintInterprocedural(rel: string): Promise<{ expected: string[]; actual: Finding[] }> {
  const engine = await getEngine();
  const text = fs.readFileSync(path.join(INTERPROCEDURAL_DIR, rel), 'utf8');
  const language = languageForPath(rel);
  assert.ok(language);
  return {
    expected: markers(text).map((m) => `${m.line}:${m.rule}`),
    actual: engine.lint(text, language),
  };
}

const RULES = new Set(['naive-retry', 'string-matched-error', 'unbounded-fanout', 'nonstreaming-max-tokens']);

/** The first sentence: up to the first period followed by a space, or the whole message. */
const firstSentence = (message: string): string => {
  const end = message.search(/\.\s/);
  return end < 0 ? message : message.slice(0, end + 1);
};

describe('rule messages: naive-retry, string-matched-error, unbounded-fanout, nonstreaming-max-tokens', () => {
  it('start with one sentence of at most 100 characters, on every fixture finding', async () => {
    const findings: Finding[] = [];
    for (const rel of fixtureFiles()) {
      findings.push(...(await lintFixture(rel)).actual.filter((f) => RULES.has(f.rule)));
    }
    for (const rel of interproceduralFiles()) {
      findings.push(...(await lintInterprocedural(rel)).actual.filter((f) => RULES.has(f.rule)));
    }
    assert.ok(findings.length >= 60, `expected many findings, got ${findings.length}`);
    for (const rule of RULES) {
      assert.ok(
        findings.some((f) => f.rule === rule),
        `no ${rule} finding in the corpus`,
      );
    }
    const long = findings
      .map((f) => `${f.rule}: ${firstSentence(f.message)}`)
      .filter((s) => s.length - s.indexOf(': ') - 2 > 100);
    assert.deepEqual(long, [], 'first sentences over 100 characters');
    for (const f of findings) {
      assert.ok(firstSentence(f.message).endsWith('.'), `${f.rule}: ${f.message}`);
      assert.ok(
        f.message.length > firstSentence(f.message).length,
        `${f.rule}: details follow the first sentence`,
      );
    }
  });

  for (const rel of interproceduralFiles()) {
    it(`interprocedural/${rel}: findings match the markers`, async () => {
      const { expected, actual } = await lintInterprocedural(rel);
      assert.ok(expected.length > 0);
      assert.deepEqual(actual.map((f) => `${f.range.start.line + 1}:${f.rule}`).sort(), expected.sort());
    });
  }

  const message = async (rel: string, rule: string): Promise<string> => {
    const { actual } = rel.startsWith('interprocedural/')
      ? await lintInterprocedural(rel.slice('interprocedural/'.length))
      : await lintFixture(rel);
    const f = actual.find((x) => x.rule === rule);
    assert.ok(f, `${rel}: no ${rule} finding`);
    return f.message;
  };

  it('naive-retry says how it retries and how long it waits', async () => {
    assert.match(
      await message('interprocedural/python/naive-retry-recursion-fixed-sleep.py', 'naive-retry'),
      /^`ask` retries by calling itself after a fixed 5 s wait;/,
    );
    assert.match(
      await message('interprocedural/ts/naive-retry-generic-wrapper.ts', 'naive-retry'),
      /^`retrying` retries describePage\(\) after a fixed 1 s wait;/,
    );
    assert.match(
      await message('interprocedural/python/naive-retry-loop-around-local-function.py', 'naive-retry'),
      /^This loop retries translate\(\) after a fixed 2 s wait;/,
    );
    assert.doesNotMatch(
      await message('interprocedural/python/naive-retry-with-retries-wrapper.py', 'naive-retry'),
      /immediately/,
    );
  });

  it('string-matched-error names the predicate helper and its line', async () => {
    assert.match(
      await message('python/string-matched-predicate-helper.py', 'string-matched-error'),
      /^Tests the error message for 'rate limit' \(in `_is_rate_limit_error`, line 11\);/,
    );
    const { actual } = await lintFixture('ts/string-matched-or-one-site.ts');
    assert.equal(actual.filter((f) => f.rule === 'string-matched-error').length, 1, 'a || b is one site');
  });

  it('unbounded-fanout: a fixed literal list says it exceeds the default tier, not "a large input"', async () => {
    const m = await message('engine-extra/literal-twenty-calls.ts', 'unbounded-fanout');
    assert.match(m, /starts 20 fixed Claude requests at once, past the default tier's burst/);
    assert.doesNotMatch(m, /large input/);
    assert.match(
      await message('ts/fanout-two-calls-deep.ts', 'unbounded-fanout'),
      /through describePage\(\) → callModel\(\)/,
    );
  });

  it('nonstreaming-max-tokens says where max_tokens was set', async () => {
    assert.match(
      await message('ts/nonstreaming-params-object.ts', 'nonstreaming-max-tokens'),
      /max_tokens 64,000 \(set in `params`\)/,
    );
  });

  it('the call graph is built once per file and shared by the rules', async () => {
    const engine = await getEngine();
    const text = [
      "import Anthropic from '@anthropic-ai/sdk';",
      'const client = new Anthropic();',
      'const limit = pLimit(2);',
      "async function leaf(p) { return client.messages.create({ model: 'm', max_tokens: 1, messages: [] }); }",
      'async function mid(p) { return leaf(p); }',
      'const top = async (p) => mid(p);',
      'async function far(p) { return top(p); }',
      'async function capped(p) { return limit(() => leaf(p)); }',
      '',
    ].join('\n');
    const findings = engine.lint(text, 'typescript');
    assert.ok(Array.isArray(findings));
    const tree = engine.parse(text, 'typescript', null, {});
    assert.ok(tree);
    const ctx = new FileContext(text, 'typescript', tree.rootNode);
    const graph = callGraph(ctx);
    assert.equal(callGraph(ctx), graph, 'memoised');
    const depth = (name: string): number | undefined => {
      const fn = graph.byName.get(name)?.[0];
      return fn ? graph.reach.get(fn)?.depth : undefined;
    };
    assert.deepEqual(
      ['leaf', 'mid', 'top', 'far', 'capped'].map(depth),
      [0, 1, 2, undefined, undefined],
      'depths: direct, one and two calls deep; three deep and a call under a limiter do not count',
    );
    tree.delete();
  });
});
