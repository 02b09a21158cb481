/**
 * The rule registry (src/core/rules/index.ts) is the one list of rules; everything users
 * see about a rule outside the code must agree with it: the settings schema in
 * package.json, the README's rule list, the doc pages under docs/rules/ and the marker
 * table of the fixture README. A new, renamed or removed rule fails here until all agree.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RuleSetting } from '../../../src/core/lint';
import { type FindingData, isRuleId, RULE_IDS, type RuleId, RULES, ruleById } from '../../../src/core/rules';
import { fixturesDir } from '../lint/helpers';

/** The repository root (fixtures, docs and package.json are not transpiled). */
const root = path.resolve(fixturesDir, '../../..');

const read = (rel: string): string => fs.readFileSync(path.join(root, rel), 'utf8');

/** The levels a rule can be set to, in the order the settings schema lists them. */
const LEVELS = ['off', 'info', 'warning', 'error'];

interface RuleSchema {
  type?: string;
  enum?: string[];
  markdownDescription?: string;
}

function lintRulesSchema(): { properties: Record<string, RuleSchema>; additionalProperties?: boolean } {
  const pkg = JSON.parse(read('package.json')) as {
    contributes: { configuration: Array<{ properties: Record<string, unknown> }> };
  };
  for (const section of pkg.contributes.configuration) {
    const schema = section.properties['headroom.lint.rules'];
    if (schema) {
      return schema as { properties: Record<string, RuleSchema>; additionalProperties?: boolean };
    }
  }
  throw new Error('package.json has no headroom.lint.rules setting');
}

describe('rule registry', () => {
  it('lists each rule once, with an id, a level, one sentence and a doc page path', () => {
    assert.equal(new Set(RULE_IDS).size, RULES.length, 'duplicate rule ids');
    assert.deepEqual(
      RULES.map((r) => r.id),
      [...RULE_IDS],
    );
    for (const r of RULES) {
      assert.match(r.id, /^[a-z]+(?:-[a-z]+)*$/, `${r.id}: ids are kebab-case`);
      assert.ok(isRuleId(r.id) && ruleById(r.id) === r);
      assert.ok(['error', 'warning', 'info'].includes(r.defaultSeverity), `${r.id}: default level`);
      assert.match(r.description, /^[A-Z].{20,}\.$/, `${r.id}: description is one sentence`);
      assert.equal(r.docPath, `docs/rules/${r.id}.md`);
      assert.equal(r.docUrl, `https://github.com/headroom-dev/headroom/blob/main/${r.docPath}`);
      assert.equal(typeof r.detect, 'function');
    }
    assert.equal(isRuleId('no-such-rule'), false);
    // RuleId and FindingData are derived from the list: a union of literals, not `string`.
    const idIsNarrow: string extends RuleId ? false : true = true;
    const dataIsTagged: FindingData['rule'] extends RuleId ? true : false = true;
    assert.ok(idIsNarrow && dataIsTagged);
  });

  it('has a doc page per rule, headed by its id and stating its default level, and no stale pages', () => {
    const pages = fs
      .readdirSync(path.join(root, 'docs/rules'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/rules/${f}`)
      .sort();
    assert.deepEqual(
      pages,
      RULES.map((r) => r.docPath).sort(),
      'docs/rules/ must hold exactly one page per registered rule',
    );
    for (const r of RULES) {
      const page = read(r.docPath);
      assert.equal(page.split('\n')[0], `# ${r.id}`, `${r.docPath}: first line`);
      const level = /\*\*Default: (error|warning|info)\b/.exec(page)?.[1];
      assert.equal(level, r.defaultSeverity, `${r.docPath}: "**Default: …" vs the registry`);
    }
  });

  it('matches the headroom.lint.rules settings schema in package.json', () => {
    const schema = lintRulesSchema();
    assert.equal(schema.additionalProperties, false, 'unknown rule ids must be flagged in settings.json');
    assert.deepEqual(Object.keys(schema.properties), [...RULE_IDS], 'schema keys vs registry (same order)');
    for (const r of RULES) {
      const p = schema.properties[r.id];
      assert.equal(p.type, 'string', r.id);
      assert.deepEqual(p.enum, LEVELS, `${r.id}: enum`);
      assert.ok(p.markdownDescription?.includes(r.docUrl), `${r.id}: the description links ${r.docUrl}`);
    }
    for (const level of LEVELS) {
      assert.equal(RuleSetting.from(level), level, `the reader accepts "${level}" as itself`);
    }
  });

  it("matches the README's rule list", () => {
    const listed = [...read('README.md').matchAll(/\[`([a-z-]+)`\]\(docs\/rules\/([a-z-]+)\.md\)/g)];
    assert.deepEqual(
      listed.map((m) => m[1]),
      [...RULE_IDS],
      'README rule links vs registry (same order)',
    );
    for (const m of listed) {
      assert.equal(m[1], m[2], `README links ${m[1]} to docs/rules/${m[2]}.md`);
    }
  });

  it("names every rule in the fixture README's marker table", () => {
    const table = read('test/fixtures/lint/README.md')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith('| `'));
    const named = new Set(
      table.flatMap((row) => [...row.split('|')[1].matchAll(/`([a-z-]+)`/g)].map((m) => m[1])),
    );
    assert.deepEqual([...named].sort(), [...RULE_IDS].sort(), 'rules in the marker table vs registry');
  });
});
