/**
 * Fix safety is declared once, in each rule's `fixKinds`: Fix All and `lint --fix` read it
 * (through `fixesFor`), and the README and every rule's doc page must list it as declared.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../../src/core/rules';
import type { RuleModule } from '../../../src/core/rules/rule';
import { repoRoot } from './helpers';

/** The distinct summaries of a rule's safe (or unsafe) fixes, in declaration order. */
function summaries(rule: Pick<RuleModule, 'fixKinds'>, safe: boolean): string[] {
  return [...new Set(rule.fixKinds.filter((k) => k.safe === safe).map((k) => k.summary))];
}

/** The lines a rule's "Quick fix" section must carry. */
function docFixAllLines(rule: Pick<RuleModule, 'fixKinds'>): string[] {
  const safe = summaries(rule, true);
  const unsafe = summaries(rule, false);
  return [
    safe.length
      ? `**Fix All** (\`source.fixAll.headroom\`, \`headroom lint --fix\`) applies: ${safe.join('; ')}.`
      : '**Fix All** (`source.fixAll.headroom`, `headroom lint --fix`) applies none of these fixes.',
    ...(unsafe.length ? [`Individual quick fixes only (they change behaviour): ${unsafe.join('; ')}.`] : []),
  ];
}

/** The README's bullet for a rule in the Fix All list. */
function readmeFixAllBullet(rule: Pick<RuleModule, 'id' | 'fixKinds'>): string {
  const safe = summaries(rule, true);
  return `  - \`${rule.id}\`: ${safe.length ? safe.join('; ') : 'none (every fix changes behaviour)'}`;
}

describe('fix safety (declared once, documented as declared)', () => {
  it('every rule with a fix generator declares its fixes, with unique ids under the rule', () => {
    for (const rule of RULES) {
      const ids = rule.fixKinds.map((k) => k.id);
      assert.equal(new Set(ids).size, ids.length, `${rule.id}: duplicate fix ids`);
      assert.ok(ids.length > 0, `${rule.id}: no fixKinds`);
      for (const id of ids) {
        assert.ok(id.startsWith(`${rule.id}.`), id);
      }
    }
  });

  it('lowering max_tokens and changing retries are never safe; the four behaviour-keeping kinds are', () => {
    const kinds = RULES.flatMap((r) => r.fixKinds);
    const safe = new Set(kinds.filter((k) => k.safe).map((k) => k.id));
    for (const id of [
      'nonstreaming-max-tokens.lower',
      'retries-disabled.raise-retries',
      'unbounded-fanout.raise-retries',
      'naive-retry.sdk-retries',
      'naive-retry.sdk-retries-off',
      'naive-retry.raise-retries',
    ]) {
      assert.ok(!safe.has(id), `${id} must not be in Fix All`);
    }
    for (const id of [
      'nonstreaming-max-tokens.stream',
      'missing-max-tokens.add',
      'unbounded-fanout.p-limit',
      'unbounded-fanout.semaphore',
      'unbounded-fanout.max-workers',
      'string-matched-error.class-check',
    ]) {
      assert.ok(safe.has(id), `${id} should be in Fix All`);
    }
  });

  for (const rule of RULES) {
    it(`docs/rules/${rule.id}.md lists what Fix All applies`, () => {
      const page = fs.readFileSync(path.join(repoRoot, rule.docPath), 'utf8');
      const section = /## Quick fix\n([\s\S]*?)\n## /.exec(page)?.[1] ?? '';
      for (const line of docFixAllLines(rule)) {
        assert.ok(section.includes(line), `${rule.docPath} "## Quick fix" lacks:\n${line}`);
      }
    });
  }

  it('the README lists what Fix All applies, rule by rule', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const expected = RULES.map(readmeFixAllBullet).join('\n');
    assert.ok(readme.includes(expected), `README.md lacks the Fix All list:\n${expected}`);
  });
});
