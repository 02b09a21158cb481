import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RuleId } from '../core/lint';

/**
 * The rule pages (docs/rules/<id>.md) as one JSON string, put in by esbuild at build time
 * (scripts/buildConfig.mjs), so the bundled CLI, inside the extension or as its own npm
 * package, carries them without reading any file.
 */
declare const HEADROOM_RULE_DOCS: string | undefined;

let pages: Record<string, string> | undefined;

/** The rule pages by id: bundled, or (transpiled tests, which have no bundle) read from the repository. */
function rulePages(): Record<string, string> {
  if (pages) return pages;
  if (typeof HEADROOM_RULE_DOCS === 'string') {
    pages = JSON.parse(HEADROOM_RULE_DOCS) as Record<string, string>;
    return pages;
  }
  // out/src/cli/ -> the repository's docs/rules/.
  const dir = path.resolve(__dirname, '../../../docs/rules');
  pages = {};
  for (const name of fs.readdirSync(dir)) {
    if (name.endsWith('.md')) pages[name.slice(0, -3)] = fs.readFileSync(path.join(dir, name), 'utf8');
  }
  return pages;
}

/** A rule's help for SARIF: its page as Markdown (title line dropped) and as plain text. */
export function ruleHelp(id: RuleId): { text: string; markdown: string } | undefined {
  const page = rulePages()[id];
  if (page === undefined) return undefined;
  const markdown = page.replace(/^# .*\r?\n+/, '').trim();
  return { text: markdownToText(markdown), markdown };
}

/** Plain text of a Markdown page, for viewers that do not render Markdown. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/^```[^\n]*\n/gm, '')
    .replace(/^```\s*$/gm, '')
    .replace(/^#{1,6}\s+(.*)$/gm, (_m, title: string) => title.toUpperCase())
    .replace(/!?\[([^\]]*)\]\(([^)]*)\)/g, (_m, label: string, href: string) =>
      href.startsWith('#') || href.endsWith('.md') ? label : `${label} (${href})`,
    )
    .replace(/\*\*([^*\n]+?)\*\*/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
