import type { FileContext } from '../context';
import { kind, up } from '../syntax';

/** Python packages that wrap Claude in their own classes (`from langchain_anthropic import ChatAnthropic`): not a client module. */
const PY_FRAMEWORKS =
  /^(?:anthropic|langchain\w*|llama_index|pydantic_ai|autogen\w*|camel|agno|crewai|haystack\w*|dspy|litellm|semantic_kernel|instructor|strands|google|vertexai|boto3|openai)\b/;

/** Functions named for making a Claude client: `load_anthropic_client`, `getClaudeClient`, `make_anthropic`. */
const CLIENT_FACTORY =
  /^(?:(?:get|load|make|create|init|build|new)_?(?:anthropic|claude)\w*|\w*(?:anthropic|claude)_?client)$/i;

/** A variable named for a Claude client: `anthropic`, `claude`, `claudeClient`, `anthropic_api`, `_anthropic_sdk`. */
const CLAUDE_CLIENT_NAME = /^_*(?:anthropic|claude)(?:_?(?:client|api|sdk))?$/i;

/** How a Claude client reaches a file that does not import the SDK. */
export interface ClaudeProxy {
  /** Names imported from a local module named for Claude (`anthropic` from `@/lib/anthropic`). */
  names: Set<string>;
  /** The file defines a class named for Claude (`class TrackedAnthropicAPI`): its `this.`/`self.` clients. */
  wrapperClass: boolean;
}

/**
 * A Claude client that reaches the file without the SDK import: imported from a local module
 * named for it (`import { anthropic } from '@/lib/anthropic'`, `from .claude_client import client`),
 * made by a factory named for it (`client = load_anthropic_client()`), named for it itself (a
 * parameter `anthropic` or `claude_client` whose `messages.create` is called),
 * or injected into a wrapper class named for it (`class TrackedAnthropicAPI { constructor(client) … }`).
 * Only calls on those receivers count (see `proxyReceiver`); other SDKs' `messages.create` are
 * still told apart by receiver and parameters. Text only; read once per file.
 */
export function claudeByProxy(ctx: FileContext): ClaudeProxy | null {
  return ctx.memo('claude-by-proxy', () => {
    if (ctx.scan(/\bmessages\s*(?:\?\.|!?\.)\s*(?:create|stream)\s*\(/g).next().done) {
      return null;
    }
    const names = new Set<string>();
    const add = (list: string): void => {
      for (const part of list.split(',')) {
        // `a as b` / `a: b` binds b; a local module exports an instance (lower case), a framework a class.
        const local = /([A-Za-z_$][\w$]*)\s*$/.exec(part.trim())?.[1];
        if (local && /^[a-z_$]/.test(local)) {
          names.add(local);
        }
      }
    };
    if (ctx.python) {
      for (const m of ctx.scan(
        /^[ \t]*from[ \t]+(\.*[\w.]*(?:anthropic|claude)[\w.]*)[ \t]+import[ \t]+\(?([^\n)]*)/gim,
      )) {
        if (!PY_FRAMEWORKS.test(m[1])) {
          add(m[2].replace(/\bas\b/g, ' '));
        }
      }
    } else {
      for (const m of ctx.scan(
        /\b(?:import\s+(?:\{([^}]*)\}|([\w$]+))\s+from|(?:const|let|var)\s+(?:\{([^}]*)\}|([\w$]+))\s*=\s*require\s*\()\s*(['"])(?:\.{1,2}|@|~)\/[^'"\n]*(?:anthropic|claude)[^'"\n]*\5/gi,
      )) {
        add((m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').replace(/\bas\b|:/g, ' '));
      }
    }
    // A client made by a factory named for Claude, from a star import or another module
    // (`claude_client = load_anthropic_client(api_key=…)`, `const client = getClaudeClient()`):
    // the name it is bound to.
    for (const m of ctx.scan(
      /(?<![\w$.])([a-z_$][\w$]*)[ \t]*=[ \t]*(?:await[ \t]+)?(?:[\w$]+\.)?([\w$]*(?:anthropic|claude)[\w$]*)[ \t]*\(/gi,
    )) {
      if (CLIENT_FACTORY.test(m[2]) && !ctx.inCommentOrString(m.index)) {
        names.add(m[1]);
      }
    }
    // A client named for Claude that reaches the file some other way, most often a parameter
    // (`createMessageWithRetry(anthropic: any, params)`, `def ask(claude_client, prompt)`): the
    // receiver's name says what it is (`anthropic`, `claude`, `claudeClient`, `anthropic_api`).
    // (Line-local, run only on the lines that name `messages`: a pattern that starts with a
    // look-behind tried at every offset of a large file costs about a millisecond per lint.)
    const receivers = new Set<string>();
    for (const m of ctx.scanLines(
      /(?<![\w$.])([A-Za-z_$][\w$]*)[ \t]*(?:\?\.|!?\.)[ \t]*messages[ \t]*(?:\?\.|!?\.)[ \t]*(?:create|stream)[ \t]*\(/g,
      /messages[ \t]*(?:\?\.|!?\.)/g,
    )) {
      if (!ctx.inCommentOrString(m.index)) {
        receivers.add(m[1]);
        if (CLAUDE_CLIENT_NAME.test(m[1])) {
          names.add(m[1]);
        }
      }
    }
    const wrapperClass = !ctx.scan(/\bclass\s+\w*(?:Claude|Anthropic)\w*/g).next().done;
    // A Claude model named in the code (`MODEL = "claude-sonnet-4-5"`) with a client handed in from
    // elsewhere (`client = resolve_client()` from a keys module): its calls written as a Messages
    // request (max_tokens and messages) are Claude's.
    const claudeModel = !names.size && !wrapperClass && namesClaudeModel(ctx);
    // A module whose own words say its requests are Anthropic's ("Shared utilities for Anthropic API
    // calls", a log line "Anthropic API transient error"), naming no other provider: the clients
    // handed to its functions (`def messages_create_with_retry(client, **kwargs)`) are Claude's.
    if (!names.size && !wrapperClass && !claudeModel && receivers.size && saysAnthropicApi(ctx)) {
      for (const r of receivers) {
        names.add(r);
      }
    }
    return names.size || wrapperClass || claudeModel ? { names, wrapperClass } : null;
  });
}

/**
 * Whether a string literal of the code names a Claude model (`"claude-haiku-4-5"`,
 * `'claude-3-opus-20240229'`): not in a comment or a docstring. Reads the first 8 mentions.
 */
function namesClaudeModel(ctx: FileContext): boolean {
  let n = 0;
  for (const m of ctx.scan(/(['"`])claude-[a-z0-9][\w.-]{0,60}\1/g)) {
    const node = ctx.nodeAt(m.index);
    const literal = node && kind(node) !== 'string' ? up(node) : node;
    const holder = literal ? up(literal) : null;
    if (literal && kind(literal) === 'string' && holder && kind(holder) !== 'expression_statement') {
      return true;
    }
    if (++n >= 8) {
      break;
    }
  }
  return false;
}

/**
 * The Anthropic or Claude API named in words: `Anthropic API`, `Claude API`, `the Anthropic SDK`
 * (not denied: "no Anthropic SDK import", "without the Claude API").
 */
const ANTHROPIC_API_WORDS =
  /(?<!\b(?:no|not|nothing from|without|instead of|rather than|other than)[ \t]+(?:the[ \t]+|an?[ \t]+)?)\b(?:Anthropic|Claude)(?:'s)?[ \t]+(?:API|SDK|Messages API)\b/;
/** Other providers, or services with a `messages.create` of their own. */
const OTHER_PROVIDERS =
  /\b(?:openai|OpenAI|twilio|Twilio|gemini|Gemini|mistral|Mistral|cohere|Cohere|groq|Groq|ollama|Ollama|vonage|Vonage|slack|Slack)\b/;

/**
 * Whether the file says in its own words (a docstring, a log message: a string, not a comment) that
 * it calls the Anthropic or Claude API, and names no other provider. Read from the first 16 mentions.
 */
function saysAnthropicApi(ctx: FileContext): boolean {
  if (OTHER_PROVIDERS.test(ctx.text)) {
    return false;
  }
  let n = 0;
  for (const m of ctx.scanLines(new RegExp(ANTHROPIC_API_WORDS.source, 'g'), /Anthropic|Claude/g)) {
    // (in a string: a docstring or a log line; comments say more often what a file does not do)
    const node = ctx.nodeAt(m.index);
    if (node && kind(node) !== 'comment' && ctx.inCommentOrString(m.index)) {
      return true;
    }
    if (++n >= 16) {
      break;
    }
  }
  return false;
}

/** Whether a receiver (`anthropic`, `this.client`, `self._client`) is a proxied Claude client. */
export function proxyReceiver(ctx: FileContext, receiverText: string): boolean {
  const proxy = claudeByProxy(ctx);
  if (!proxy) {
    return false;
  }
  const root = /^[\w$]+/.exec(receiverText.trim())?.[0] ?? '';
  return proxy.names.has(root) || (proxy.wrapperClass && (root === 'this' || root === 'self'));
}
