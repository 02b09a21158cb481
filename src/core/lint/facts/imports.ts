import type { FileContext } from '../context';
import { jsImports } from './jsImports';
import { pythonImports } from './pythonImports';
import { claudeByProxy } from './claudeByProxy';

/** What the file imports that matters to the rules. */
export interface Imports {
  /** The file imports `@anthropic-ai/sdk` (or the Bedrock/Vertex packages) or Python `anthropic`. */
  anthropic: boolean;
  /** The file imports `openai`. */
  openai: boolean;
  /** No SDK import: a client from a local module or injected into a wrapper class (`claudeByProxy`). */
  anthropicByProxy?: boolean;
  /** Local names bound to Anthropic client classes. */
  anthropicClasses: Set<string>;
  /** Local names bound to the Anthropic module/namespace (`anthropic`, `sdk` in `import * as sdk`). */
  anthropicNamespaces: Set<string>;
  /** The JS default import of `@anthropic-ai/sdk` (where `Anthropic.RateLimitError` lives). */
  anthropicDefault?: string;
  /** Local names of error classes imported from the SDK (`RateLimitError`, ...). */
  anthropicErrors: Set<string>;
  /** Python: error classes imported from the SDK under another name, local -> imported (`AnthropicRateLimitError` -> `RateLimitError`). */
  anthropicErrorAliases?: Map<string, string>;
  openaiClasses: Set<string>;
  openaiNamespaces: Set<string>;
  /** Local name -> library, for retry libraries (p-retry, async-retry, tenacity, backoff, ...). */
  retryLibs: Map<string, string>;
  /** Local names imported from concurrency limiters (p-limit, p-queue, bottleneck, aiolimiter, ...). */
  limiterImports: Set<string>;
}

/** Client classes of the JS SDKs (`@anthropic-ai/sdk` and its Bedrock/Vertex/Foundry packages). */
export const JS_ANTHROPIC_CLASSES = new Set([
  'Anthropic',
  'AnthropicBedrock',
  'AnthropicVertex',
  'AnthropicFoundry',
]);
export const JS_OPENAI_CLASSES = new Set(['OpenAI', 'AzureOpenAI']);
/** Client classes of the Python SDKs (sync and async). */
export const PY_ANTHROPIC_CLASS = /^(?:Async)?(?:Anthropic(?:Bedrock|Vertex|Foundry)?|Client)$/; // `anthropic.Client`: the SDK's alias of Anthropic
export const PY_OPENAI_CLASS = /^(?:Async)?(?:Azure)?OpenAI$/;
/** Retry libraries, by package or module name. */
export const RETRY_LIBS = new Set([
  'p-retry',
  'async-retry',
  'exponential-backoff',
  'promise-retry',
  'retry',
  'ts-retry-promise',
  'tenacity',
  'backoff',
  'retrying',
  'stamina',
]);
/** Concurrency limiters, by package or module name. */
export const LIMITER_LIBS = new Set([
  'p-limit',
  'p-queue',
  'bottleneck',
  'p-map',
  'p-throttle',
  'async-sema',
  'limiter',
  'async-mutex',
  'aiolimiter',
  'asyncio-throttle',
]);

/** What the file imports, read once per file (JS/TS: import, require, import(); Python: import, from). */
export function readImports(ctx: FileContext): Imports {
  const imports = ctx.python ? pythonImports(ctx) : jsImports(ctx);
  // Beside the OpenAI SDK only a named client counts (`import anthropic from '@/utils/anthropic'`):
  // its calls, or calls written as a Messages request, are Claude's (see `callAt`).
  const proxy = imports.anthropic ? null : claudeByProxy(ctx);
  if (proxy && (!imports.openai || proxy.names.size > 0)) {
    imports.anthropic = true; // a client from a local module or injected (see claudeByProxy)
    imports.anthropicByProxy = true;
  }
  return imports;
}

/** An Imports with nothing found yet. */
export function emptyImports(): Imports {
  return {
    anthropic: false,
    openai: false,
    anthropicClasses: new Set(),
    anthropicNamespaces: new Set(),
    anthropicErrors: new Set(),
    openaiClasses: new Set(),
    openaiNamespaces: new Set(),
    retryLibs: new Map(),
    limiterImports: new Set(),
  };
}

/** How many names a file's `importsName` looks up (each is one scan of the text: it stays linear). */
const MAX_NAMES_LOOKED_UP = 16;

/**
 * Whether `name` is imported from another module: `from x import name`, `import { name } from`,
 * `const name = require(…)`. Each name is looked up once per file, at most 16 names (a later
 * one counts as not imported). Each part of the pattern reads a bounded stretch after where it starts
 * (a name used many times on one long line stays linear).
 */
export function importsName(ctx: FileContext, name: string): boolean {
  const known = ctx.memo('imports-name', () => new Map<string, boolean>());
  let found = known.get(name);
  if (found === undefined) {
    if (known.size >= MAX_NAMES_LOOKED_UP) {
      return false;
    }
    const n = name.replace(/\$/g, '\\$');
    found = new RegExp(
      `^[ \\t]*from[ \\t]+[\\w.]+[ \\t]+import[^\\n]*\\b${n}\\b|\\bimport\\s*\\{[^}]{0,2000}?\\b${n}\\b[^}]{0,2000}\\}\\s*from|\\b${n}\\b[^\\n=]{0,200}=\\s*require\\s*\\(`,
      'm',
    ).test(ctx.text);
    known.set(name, found);
  }
  return found;
}
