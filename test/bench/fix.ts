/**
 * Quick-fix benchmark (issue #9): the time from a quick-fix request to its edits on the
 * 2,000-line TS and Python inputs of the lint benchmark, as the editor asks: the linter holds
 * the tree of the document's version and each request builds a fresh fix context on it.
 *  - "cached": repeated requests on one version (the tree and its tokens are reused);
 *  - "first on a new version": the first request after a one-character edit and re-lint
 *    (the fix side reads the new tree's tokens once).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_FIX_SETTINGS, type FixContext, fixesFor } from '../../src/core/fix';
import { type Finding, LintEngine, type LintLanguage } from '../../src/core/lint';
import type { BenchSection } from './bench';
import { type Lang, generate } from './lint';

const grammarDir = path.join(path.resolve(__dirname, '../../..'), 'out', 'grammars');
const LANGUAGE: Record<Lang, LintLanguage> = { ts: 'typescript', py: 'python' };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
}

/** One quick-fix request: a fresh context on the linter's tree, the fixes of one finding. */
function request(text: string, language: LintLanguage, root: FixContext['root'], finding: Finding): number {
  const started = performance.now();
  const ctx: FixContext = {
    text,
    root,
    language,
    projectDeps: { pLimit: false, tenacity: false },
    settings: DEFAULT_FIX_SETTINGS,
  };
  const actions = fixesFor(finding, ctx);
  const elapsed = performance.now() - started;
  if (actions.some((a) => a.edits.length === 0)) {
    throw new Error('a fix without edits');
  }
  return elapsed;
}

export const fixBench: BenchSection = {
  name: 'fix',
  async run(log) {
    const engine = await LintEngine.create(grammarDir);
    log(
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    log('quick-fix request -> edits, 2,000-line files, tree cached by document version, target <= 5 ms');
    for (const [lang, seed] of [
      ['ts', 11],
      ['py', 23],
    ] as const) {
      const language = LANGUAGE[lang];
      let text = generate(lang, 2000, seed, 5);
      const doc = engine.openDocument(language, text);
      let findings = doc.lint();
      const count = findings.length;
      const root = (): FixContext['root'] => {
        const r = doc.root;
        if (!r) {
          throw new Error('the linter holds no tree');
        }
        return r;
      };
      const cached: number[] = [];
      for (let rep = 0; rep < 10; rep++) {
        for (const f of findings) {
          cached.push(request(text, language, root(), f));
        }
      }
      const first: number[] = [];
      for (let i = 0; i < 20; i++) {
        // A one-character edit at the end of a line, then the re-lint the editor does.
        const at = text.indexOf('\n', Math.floor((text.length * i) / 20));
        doc.update([{ rangeOffset: at, rangeLength: 0, text: ' ' }]);
        text = doc.text;
        findings = doc.lint();
        first.push(request(text, language, root(), findings[i % findings.length]));
      }
      doc.dispose();
      const m = median(cached);
      log(
        `  ${lang === 'ts' ? 'TypeScript' : 'Python    '} (${count} findings): cached median ${m.toFixed(2)} ms, p90 ${percentile(cached, 0.9).toFixed(2)} ms  ${m <= 5 ? '[met]' : '[MISSED]'};` +
          ` first on a new version median ${median(first).toFixed(2)} ms`,
      );
    }
    engine.dispose();
  },
};
