/**
 * The JS/TS scaffolding fixes insert once per file after the imports — a concurrency
 * limiter and a backoff wrapper — and the lookups that find and reuse it on later fixes
 * (Python's are in pythonTemplates.ts).
 * Templates are written with one tab per indentation level and single quotes; they are
 * re-indented, re-quoted and (for JS without semicolons) stripped to fit the file.
 */
import { type EditBuilder } from './builder';
import { type FixFile, JS_SDK } from './file';
import { indentBlock } from './style';

/** Fits a template to the file: indentation, quotes and semicolons. */
export function fitTemplate(file: FixFile, template: string, base = ''): string {
  let code = indentBlock(template, file.style, base);
  if (file.style.quote === '"') {
    code = code.replace(/'/g, '"');
  }
  if (!file.python && !file.style.semicolons) {
    code = code.replace(/;$/gm, '');
  }
  return code;
}

// ---- JS/TS error classes -------------------------------------------------------------------

export type JsErrorClass = 'RateLimitError' | 'InternalServerError' | 'APIError';

/**
 * An expression for an SDK error class using the names the file imports:
 * `Anthropic.RateLimitError` (default or `Anthropic` class import, or CommonJS require),
 * `sdk.RateLimitError` (namespace import) or the class itself when it is imported by name.
 * Adds a named import only when none of these exists.
 */
export function jsErrorClass(b: EditBuilder, name: JsErrorClass): string {
  const sdkImports = b.file.js.imports.filter((i) => i.module === JS_SDK);
  for (const imp of sdkImports) {
    const hit = imp.named.find((n) => n.imported === name && !n.typeOnly);
    if (hit) {
      return hit.local;
    }
  }
  for (const imp of sdkImports) {
    if (imp.typeOnly) {
      continue;
    }
    if (imp.defaultName) {
      return `${imp.defaultName}.${name}`;
    }
    if (imp.namespace) {
      return `${imp.namespace}.${name}`;
    }
    const cls = imp.named.find((n) => n.imported === 'Anthropic' && !n.typeOnly);
    if (cls) {
      return `${cls.local}.${name}`;
    }
  }
  return b.jsNamed(JS_SDK, name, `Anthropic${name}`);
}

// ---- JS/TS limiter ---------------------------------------------------------------------------

const SEMAPHORE_DOC =
  '/** Lets at most `max` tasks run at once; the others wait their turn. Inserted by Headroom. */';

/** The body of `run` (TS and JS alike but for how the waiter is queued). */
function semaphoreRun(enqueue: string): string {
  return `		if (this.active < this.max) {
			this.active++;
		} else {
			await ${enqueue};
		}
		try {
			return await task();
		} finally {
			const next = this.waiting.shift();
			if (next) {
				next();
			} else {
				this.active--;
			}
		}
	}
}`;
}

const TS_SEMAPHORE = `${SEMAPHORE_DOC}
class Semaphore {
	private active = 0;
	private readonly waiting: Array<() => void> = [];
	private readonly max: number;

	constructor(max: number) {
		this.max = Math.max(1, max);
	}

	/** Runs \`task\` once a slot is free; the slot is released when it settles. */
	async run<T>(task: () => PromiseLike<T> | T): Promise<T> {
${semaphoreRun('new Promise<void>((resolve) => this.waiting.push(resolve))')}`;

const JS_SEMAPHORE = `${SEMAPHORE_DOC}
class Semaphore {
	active = 0;
	/** @type {Array<(value?: unknown) => void>} */
	waiting = [];

	/** @param {number} max */
	constructor(max) {
		this.max = Math.max(1, max);
	}

	/**
	 * Runs \`task\` once a slot is free; the slot is released when it settles.
	 * @template T
	 * @param {() => PromiseLike<T> | T} task
	 * @returns {Promise<T>}
	 */
	async run(task) {
${semaphoreRun('new Promise((resolve) => this.waiting.push(resolve))')}`;

/** A limiter the calls of a fan-out are routed through. */
export interface JsLimiter {
  /** The limiter's local name. */
  name: string;
  /** Text before and after the wrapped call: `limit(() => ` … `)`. */
  open: (async: boolean) => string;
  close: string;
  /** The cap, when it is a literal. */
  n: number | undefined;
  /** How it is built, for the title. */
  via: 'p-limit' | 'semaphore';
  /** An existing limiter of the file is reused. */
  reused: boolean;
}

/** A module-level limiter already in the file: `const limit = pLimit(5)` or `const limit = new Semaphore(8)`. */
export function existingJsLimiter(file: FixFile): JsLimiter | undefined {
  const pLimitNames = file.js.imports
    .filter((i) => i.module === 'p-limit' && i.defaultName)
    .map((i) => i.defaultName as string);
  for (const { match } of file.topLevelMatches(
    /(?:export\s+)?(?:const|let|var)\s+([\w$]+)\s*=\s*(new\s+Semaphore|[\w$]+)\s*\(\s*(\d+)?/,
  )) {
    const [, name, ctor, n] = match;
    if (ctor.startsWith('new') ? !!semaphoreClass(file) : pLimitNames.includes(ctor)) {
      const viaSem = ctor.startsWith('new');
      return {
        name,
        open: (async) => `${name}${viaSem ? '.run' : ''}(${async ? 'async ' : ''}() => `,
        close: ')',
        n: n ? Number(n) : undefined,
        via: viaSem ? 'semaphore' : 'p-limit',
        reused: true,
      };
    }
  }
  return undefined;
}

/** The span of the file's `class Semaphore` helper (one with a `run` method), if any. */
export function semaphoreClass(file: FixFile): { start: number; end: number } | undefined {
  const span = file.topLevelBlock(/class\s+Semaphore\b[^{]*\{/);
  return span && /\brun\s*[<(]/.test(file.text.slice(span.start, span.end)) ? span : undefined;
}

/**
 * Adds a module-level limiter of `n` (p-limit when the project has it and the file can
 * import it, else the Semaphore helper), reusing one the file already has.
 */
export function ensureJsLimiter(b: EditBuilder, n: number, comment?: string): JsLimiter | undefined {
  const { file } = b;
  const existing = existingJsLimiter(file);
  if (existing) {
    return existing;
  }
  const s = file.style.semicolons ? ';' : '';
  const deps = file.ctx.projectDeps;
  // p-limit 4+ is ESM only: a CommonJS file cannot require it (without require(esm)).
  const canPLimit =
    deps.pLimit && (file.style.module === 'esm' || (deps.pLimitMajor !== undefined && deps.pLimitMajor < 4));
  const name = file.freshName('limit');
  const lead = comment ? `${comment}\n` : '';
  if (canPLimit) {
    const pLimit = b.jsDefault('p-limit', 'pLimit');
    b.addBlock(`${lead}const ${name} = ${pLimit}(${n})${s}`);
    return {
      name,
      open: (async) => `${name}(${async ? 'async ' : ''}() => `,
      close: ')',
      n,
      via: 'p-limit',
      reused: false,
    };
  }
  const cls = semaphoreClass(file);
  if (!cls) {
    if (file.src.usesWord('Semaphore')) {
      return undefined; // a different Semaphore is in scope
    }
    b.addBlock(fitTemplate(file, file.ts ? TS_SEMAPHORE : JS_SEMAPHORE));
  }
  b.addBlock(`${lead}const ${name} = new Semaphore(${n})${s}`, cls?.end);
  return {
    name,
    open: (async) => `${name}.run(${async ? 'async ' : ''}() => `,
    close: ')',
    n,
    via: 'semaphore',
    reused: false,
  };
}

// ---- JS/TS backoff ---------------------------------------------------------------------------
// Every line of these helpers fits in 80 columns even at four spaces per level, and none is
// broken where 110 columns would join it: Prettier leaves them alone at any usual width.

const RETRY_AFTER_DOC = `/**
 * How many milliseconds to retry after \`err\`, or undefined when retrying
 * cannot help. Retries a 429 (rate limit), 529 (overloaded) or other 5xx,
 * but not the 429 of a reached spend cap (it lasts until the cap resets).
 * Waits for retry-after when the server sends it, else full-jitter
 * exponential backoff (1 s base, 60 s cap). Inserted by Headroom.`;

/** The body of `retryAfterMs`; `api` is the SDK's APIError class as the file names it. */
function retryAfterBody(api: string): string {
  return `	if (!(err instanceof ${api}) || err.status === undefined) {
		return undefined; // no answer from the API
	}
	if (err.status !== 429 && err.status < 500) {
		return undefined; // the same request would be refused again
	}
	const code = Object(err.error).error?.details?.error_code;
	if (code === 'enforced_spend_limit_reached') {
		return undefined;
	}
	const retryAfter = Number(err.headers?.get('retry-after') ?? Number.NaN);
	if (retryAfter >= 0) {
		return retryAfter * 1000;
	}
	return Math.random() * Math.min(60000, 1000 * 2 ** (attempt - 1));
}`;
}

const BACKOFF_DOC = `/**
 * Calls \`call\` again while \`retryAfterMs\` says a retry can help, waiting
 * that long in between; 6 attempts in all. Inserted by Headroom.`;

const BACKOFF_LOOP = `	for (let attempt = 1; ; attempt++) {
		try {
			return await call();
		} catch (err) {
			const delayMs = retryAfterMs(err, attempt);
			if (delayMs === undefined || attempt >= tries) {
				throw err;
			}
			await new Promise((resolve) => setTimeout(resolve, delayMs));
		}
	}
}`;

function tsBackoff(api: string): string {
  return `${RETRY_AFTER_DOC}
 */
function retryAfterMs(err: unknown, attempt: number): number | undefined {
${retryAfterBody(api)}

${BACKOFF_DOC}
 */
async function withBackoff<T>(call: () => PromiseLike<T> | T, tries = 6) {
${BACKOFF_LOOP}`;
}

function jsBackoff(api: string): string {
  return `${RETRY_AFTER_DOC}
 * @param {unknown} err
 * @param {number} attempt
 * @returns {number | undefined}
 */
function retryAfterMs(err, attempt) {
${retryAfterBody(api)}

${BACKOFF_DOC}
 * @template T
 * @param {() => PromiseLike<T> | T} call
 * @param {number} [tries]
 * @returns {Promise<T>}
 */
async function withBackoff(call, tries = 6) {
${BACKOFF_LOOP}`;
}

/** The name of the file's `withBackoff` helper, inserting it (and `retryAfterMs`) when missing. */
export function ensureJsBackoff(b: EditBuilder): string {
  const { file } = b;
  if (file.topLevelBlock(/(?:async\s+)?function\s+withBackoff\b[^{]*\{/)) {
    return 'withBackoff';
  }
  const api = jsErrorClass(b, 'APIError');
  let helpers = file.ts ? tsBackoff(api) : jsBackoff(api);
  if (file.topLevelBlock(/function\s+retryAfterMs\b[^{]*\{/)) {
    helpers = helpers.slice(helpers.indexOf(BACKOFF_DOC)); // the file has the delay already
  } else if (file.src.usesWord('retryAfterMs')) {
    helpers = helpers.replace(/\bretryAfterMs\b/g, file.freshName('retryAfterMs'));
  }
  b.addBlock(fitTemplate(file, helpers));
  return 'withBackoff';
}
