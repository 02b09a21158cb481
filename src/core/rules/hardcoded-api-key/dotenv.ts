import { LineIndex } from '../../parse/lineIndex';
import { languageForPath } from '../../lint/languages';
import { isTestPath, TEST_CODE_NOTE } from '../../lint/facts/testCode';
import { effectiveSetting } from '../../lint/settings';
import type { Finding, LintOptions } from '../../lint/types';
import { KEY, PLACEHOLDER } from './detect';

/**
 * Whether a file name is a dotenv file: `.env`, `.env.<anything>` (`.env.local`,
 * `.env.production`, `.env.example`), `<anything>.env` and direnv's `.envrc`, but not a
 * source file such as `.env.ts`. A key in an
 * example file is as public as one anywhere else; placeholders are not reported.
 */
export function isDotenvPath(filePath: string): boolean {
  const name = (filePath.split(/[\\/]/).pop() ?? '').toLowerCase();
  if (languageForPath(name) !== undefined) {
    return false; // `.env.ts`, `.env.js`: source files that happen to start with `.env.`
  }
  return (
    name === '.env' ||
    name === '.envrc' ||
    name.startsWith('.env.') ||
    (name.endsWith('.env') && name.length > 4)
  );
}

/** `# headroom-ignore-next-line [ids]` / `# headroom-ignore-file [ids]` naming this rule or none. */
const SUPPRESS = /^[ \t]*#[ \t]*headroom-ignore-(next-line|file)\b([^\n]*)$/gm;

/**
 * `hardcoded-api-key` in a dotenv file (`.env`, `.env.local`, ...), which has no syntax tree:
 * every line is searched for an Anthropic key, commented-out lines too (unlike source
 * comments, which are mostly documentation, a `# OLD_KEY=sk-ant-…` line is a real key). Callers lint only dotenv
 * files git does not ignore (the CLI's discovery, the editor), so every finding says the file
 * is committed or would be. The message never repeats the key, and there is no quick fix
 * (the data's `literal` is the key itself, which the fix does not rewrite).
 */
export function lintDotenv(text: string, options: LintOptions = {}): Finding[] {
  const setting = effectiveSetting('hardcoded-api-key', options.rules);
  if (setting === 'off' || !text.includes('sk-ant-')) {
    return [];
  }
  const lines = new LineIndex(text);
  const skipped = new Set<number>();
  for (let m = SUPPRESS.exec(text); m; m = SUPPRESS.exec(text)) {
    const ids = m[2].split(/\s+--\s/)[0].trim();
    if (ids !== '' && !ids.split(/\s*,\s*/).includes('hardcoded-api-key')) {
      continue;
    }
    if (m[1] === 'file') {
      SUPPRESS.lastIndex = 0;
      return [];
    }
    skipped.add(lines.position(m.index).line + 1);
  }
  SUPPRESS.lastIndex = 0;
  const testCode = options.path !== undefined && isTestPath(options.path);
  const out: Finding[] = [];
  KEY.lastIndex = 0;
  for (let m = KEY.exec(text); m; m = KEY.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const line = lines.position(start).line;
    // A commented-out key is reported too: the committed file carries it all the same.
    if (PLACEHOLDER.test(m[0]) || skipped.has(line)) {
      continue;
    }
    const message =
      'This dotenv file is not git-ignored, so its API key is committed: revoke the key, ignore the file. ' +
      'Anyone with the repository (or its history) can spend against your rate limits and bill. Add the ' +
      'file to .gitignore, commit a copy with placeholders instead (.env.example), and revoke the key in ' +
      'the Console: removing it now does not remove it from history.';
    const finding: Finding = {
      rule: 'hardcoded-api-key',
      severity: setting,
      message: testCode ? message + TEST_CODE_NOTE : message,
      range: { start: lines.position(start), end: lines.position(end) },
      start,
      end,
      data: {
        rule: 'hardcoded-api-key',
        language: 'dotenv',
        literal: { start, end },
        key: { start, end },
        context: 'assignment',
        envVar: 'ANTHROPIC_API_KEY',
        replacement: 'ANTHROPIC_API_KEY',
      },
    };
    if (testCode) {
      finding.testCode = true;
    }
    out.push(finding);
  }
  KEY.lastIndex = 0;
  return out;
}
