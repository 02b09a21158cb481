import type { FileContext } from '../context';

/**
 * A Claude client that reaches the file without the SDK import: imported from a local module
 * named for it (`import { anthropic } from '@/lib/anthropic'`, `from .claude_client import client`)
 * or injected into a wrapper class, in a file that names a Claude model (`'claude-3-5-sonnet-…'`).
 * Such a file's `x.messages.create(...)` is a Claude request (other SDKs' `messages.create`
 * are still told apart by receiver and parameters). Text only; read once per file.
 */
export function claudeByProxy(ctx: FileContext): boolean {
  return ctx.memo('claude-by-proxy', () => {
    if (ctx.scan(/\bmessages\s*(?:\?\.|!?\.)\s*(?:create|stream)\s*\(/g).next().done) {
      return false;
    }
    const localModule = ctx.python
      ? /^[ \t]*from[ \t]+\.*[\w.]*(?:anthropic|claude)[\w.]*[ \t]+import\b/gim
      : /\b(?:from|require\s*\()\s*(['"])(?:\.{1,2}|@|~)\/[^'"\n]*(?:anthropic|claude)[^'"\n]*\1/gi;
    const modelName = /(['"`])claude-(?:\d|instant|sonnet|opus|haiku)[\w.-]*\1/g;
    return !ctx.scan(localModule).next().done || !ctx.scan(modelName).next().done;
  });
}
