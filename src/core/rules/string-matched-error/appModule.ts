import type { FileContext } from '../../lint/context';

/**
 * The last segment of a module named for the app's Claude client: `anthropic`, `claude`,
 * `claude-client`, `claudePanelClient`, `claude_api` (not Claude Code, CLAUDE.md or file helpers).
 */
const CLAUDE_MODULE = /^(?:anthropic|claude)(?![-_]?(?:code|md|desktop|files?|agent))[\w-]*$/i;
/** Modules (packages or local) of other model providers, or of several: the error may be theirs. */
const OTHER_PROVIDER =
  /openai|gemini|generative-?ai|groq|mistral|cohere|ollama|deepseek|@ai-sdk|\bai\b|langchain|llama|together|replicate|bedrock|vertex|perplexity|xai|grok|kimi|moonshot|qwen|dashscope|huggingface|transformers|litellm|\bllms?\b|providers?|openrouter|gpt/i;
/** Other remote services (and rate limiters) whose errors may say "rate limit" or 429 too. */
const OTHER_SERVICE =
  /supabase|stripe|firebase|octokit|github|twilio|resend|sendgrid|mailgun|slack|discord|telegra|googleapis|aws-sdk|@aws|redis|upstash|ratelimit|rate-limit|rate_limit|limiter|throttl|pinecone|notion|airtable|shopify|youtube|twitter|tweepy|reddit|praw|spotify|elevenlabs|replicate|serp|tavily|exa|firecrawl|apify|puppeteer|playwright/i;
/** An error the file raises itself whose text says rate limit. */
const OWN_RATE_ERRORS = /\b(?:throw|raise)\b[^;\n]{0,160}?(?:rate[ _-]?limit|429|too many requests)/i;
/** Requests the file makes itself (their errors may say 429 too). */
const OWN_REQUESTS =
  /\bfetch\s*\(|\baxios\b|\bky\s*\(|\bgot\s*\(|\bhttps?\.(?:request|get)\s*\(|\brequests\.\w+\s*\(|\bhttpx\.|\baiohttp\b|\burlopen\s*\(|\bSession\s*\(/;

/**
 * A file that reaches Claude only through the app's own Claude module: no Claude call of its own,
 * an import from a local module named for the client (`@/lib/anthropic`, `./claude`,
 * `from .claude_client import …`), no other provider's module or package, no other remote service's
 * (Supabase, Stripe, GitHub, a rate limiter: their errors say "rate limit" too) and no request of its
 * own. The errors its handlers see are Claude's (or the app's), so a rate-limit text test there
 * tells Claude's 429 apart by its text. The module's path (for the message), or undefined.
 */
export function claudeOnlyThroughModule(ctx: FileContext): string | undefined {
  return ctx.memo('string-matched-error:claude-module', () => {
    const sources: string[] = [];
    const re = ctx.python
      ? /^[ \t]*(?:from[ \t]+([\w.]+)[ \t]+import\b|import[ \t]+([\w.]+))/gm
      : /\bfrom\s*(['"])([^'"\n]+)\1|\b(?:require|import)\s*\(\s*(['"])([^'"\n]+)\3|^[ \t]*import\s*(['"])([^'"\n]+)\5/gm;
    // (Python's pattern, anchored at line starts, runs only on the lines naming `import`.)
    for (const m of ctx.python ? ctx.scanLines(re, /import/g) : ctx.scan(re)) {
      const source = ctx.python ? (m[1] ?? m[2]) : (m[2] ?? m[4] ?? m[6]);
      if (source && !ctx.inCommentOrString(m.index)) {
        sources.push(source);
      }
    }
    let found: string | undefined;
    for (const source of sources) {
      const local = ctx.python
        ? !/^(?:anthropic|claude_agent_sdk)$/.test(source)
        : /^(?:\.{1,2}\/|[@~#]\/)/.test(source);
      const last = (ctx.python ? source.split('.') : source.split('/')).filter(Boolean).pop() ?? '';
      if (local && CLAUDE_MODULE.test(last.replace(/\.[cm]?[jt]sx?$/, ''))) {
        found ??= source;
      } else if (OTHER_PROVIDER.test(source) || OTHER_SERVICE.test(source)) {
        return undefined;
      }
    }
    // (Nor a file that makes requests or raises rate-limit errors of its own, `throw new
    // Error('rate limit exceeded')`: read last, once a Claude module is found, as most files import none.)
    return found && !OWN_REQUESTS.test(ctx.text) && !OWN_RATE_ERRORS.test(ctx.text) ? found : undefined;
  });
}
