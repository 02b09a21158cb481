/**
 * The Python scaffolding fixes insert once per file after the imports (an asyncio
 * semaphore, a `limited` coroutine, `with_backoff` helpers, tenacity policies) and the
 * lookups that reuse it. Templates use one tab per level and are fitted to the file.
 */
import { type EditBuilder } from './builder';
import { fitTemplate } from './templates';

// ---- Python error classes ----------------------------------------------------------------------

export type PyErrorClass = 'RateLimitError' | 'OverloadedError' | 'APIStatusError';

/**
 * An expression for an `anthropic` error class using the file's imports: `anthropic.X`
 * (or its alias) after `import anthropic`, `X` after `from anthropic import X`; else the
 * name is added to an existing `from anthropic import ...`, or `import anthropic` is added.
 */
export function pyErrorClass(b: EditBuilder, name: PyErrorClass): string {
  const mod = b.pyModuleIfImported('anthropic');
  if (mod) {
    return `${mod}.${name}`;
  }
  for (const imp of b.file.py.imports) {
    const hit = imp.from === 'anthropic' && imp.names.find((n) => n.name === name);
    if (hit) {
      return hit.local;
    }
  }
  if (b.file.py.imports.some((i) => i.from === 'anthropic')) {
    return b.pyFrom('anthropic', name);
  }
  return `${b.pyModule('anthropic')}.${name}`;
}

// ---- Python semaphore ----------------------------------------------------------------------------

/** The module-level semaphore name Headroom uses. */
export const PY_SEMAPHORE = 'claude_semaphore';

/** Adds (or reuses) `claude_semaphore = asyncio.Semaphore(n)`; returns its name and cap. */
export function ensurePySemaphore(
  b: EditBuilder,
  n: number,
  comment?: string,
): { name: string; n: number | undefined; reused: boolean } {
  const m = b.file.topLevelMatches(new RegExp(`${PY_SEMAPHORE}\\s*=\\s*[\\w.]*Semaphore\\(\\s*(\\d+)?`))[0]
    ?.match;
  if (m) {
    return { name: PY_SEMAPHORE, n: m[1] ? Number(m[1]) : undefined, reused: true };
  }
  const asyncio = b.pyModule('asyncio');
  b.addBlock(`${comment ? `${comment}\n` : ''}${PY_SEMAPHORE} = ${asyncio}.Semaphore(${n})`);
  return { name: PY_SEMAPHORE, n, reused: false };
}

const PY_BOUNDED = `async def limited(coro):
	'''Awaits coro while holding a slot of ${PY_SEMAPHORE}. Inserted by Headroom.'''
	async with ${PY_SEMAPHORE}:
		return await coro`;

/** Adds (or reuses) the `limited(coro)` helper coroutine; returns its name. */
export function ensurePyBounded(b: EditBuilder): string {
  if (!b.file.topLevelBlock(/async def limited\(/)) {
    pyBlock(b, PY_BOUNDED, {});
  }
  return 'limited';
}

// ---- Python backoff -------------------------------------------------------------------------------

const PY_SPEND_CAP = `def _is_spend_cap(error):
	'''A 429 for a reached monthly spend cap: retrying cannot succeed before the cap resets.'''
	body = error.body if isinstance(error.body, dict) else {}
	details = body.get('error', {}).get('details') if isinstance(body.get('error'), dict) else None
	return isinstance(details, dict) and details.get('error_code') == 'enforced_spend_limit_reached'`;

const PY_RETRY_DELAY = `def _retry_delay(error, attempt):
	'''Seconds to wait: retry-after when the server sends it, else full jitter (1 s base, 60 s cap).'''
	retry_after = error.response.headers.get('retry-after')
	try:
		return max(0.0, float(retry_after))
	except (TypeError, ValueError):
		return RANDOM.uniform(0, min(60.0, 2.0 ** (attempt - 1)))`;

const PY_RETRYABLE = `def _retryable(error):
	'''Whether retrying can help: a 429 (rate limit), 529 (overloaded) or other
	5xx, but not the 429 of a reached spend cap. Anything else is refused again.'''
	if not isinstance(error, ASE):
		return False  # no answer from the API
	status = error.status_code
	return (status == 429 or status >= 500) and not _is_spend_cap(error)`;

const PY_DOC = `Calls call() again while _retryable(error) says a retry can help (429, 529,
	other 5xx; never a reached spend cap), waiting retry-after or full-jitter
	backoff in between; 6 attempts in all. Inserted by Headroom.`;

const PY_SYNC = `def with_backoff(call, attempts=6):
	'''${PY_DOC}'''
	for attempt in range(1, attempts + 1):
		try:
			return call()
		except ASE as error:
			if attempt == attempts or not _retryable(error):
				raise
			TIME.sleep(_retry_delay(error, attempt))`;

const PY_ASYNC = `async def with_backoff_async(call, attempts=6):
	'''${PY_DOC}'''
	for attempt in range(1, attempts + 1):
		try:
			return await call()
		except ASE as error:
			if attempt == attempts or not _retryable(error):
				raise
			await ASYNCIO.sleep(_retry_delay(error, attempt))`;

const PY_TENACITY_POLICY = `def _backoff_policy():
	'''Tenacity settings: retry what _retryable allows, retry-after or full jitter, 6 attempts.'''
	return dict(
		retry=RETRY_IF(_retryable),
		wait=_backoff_wait,
		stop=STOP_AFTER(6),
		reraise=True,
	)


def _backoff_wait(retry_state):
	error = retry_state.outcome.exception()
	retry_after = error.response.headers.get('retry-after') if hasattr(error, 'response') else None
	try:
		return max(0.0, float(retry_after))
	except (TypeError, ValueError):
		return WAIT_RANDOM_EXP(multiplier=1, max=60)(retry_state)`;

const PY_TENACITY_SYNC = `def with_backoff(call):
	'''${PY_DOC}'''
	return RETRYING(**_backoff_policy())(call)`;

const PY_TENACITY_ASYNC = `async def with_backoff_async(call):
	'''${PY_DOC}'''
	return await ASYNC_RETRYING(**_backoff_policy())(call)`;

function pyBlock(b: EditBuilder, template: string, names: Record<string, () => string>): void {
  let code = template;
  for (const [key, resolve] of Object.entries(names)) {
    // A whole word only: RETRYING must not import Retrying for a template with ASYNC_RETRYING.
    const word = new RegExp(`\\b${key}\\b`, 'g');
    if (word.test(code)) {
      code = code.replace(word, resolve());
    }
  }
  b.addBlock(fitTemplate(b.file, code.replace(/'''/g, '"""')).replace(/'/g, b.file.style.quote));
}

/**
 * The name of the file's `with_backoff` (sync) or `with_backoff_async` helper, inserting it
 * (and what it shares) when missing. Uses tenacity when the project depends on it.
 */
export function ensurePyBackoff(b: EditBuilder, asyncCall: boolean): string {
  const { file } = b;
  const fn = asyncCall ? 'with_backoff_async' : 'with_backoff';
  if (file.topLevelBlock(new RegExp(`(?:async )?def ${fn}\\(`))) {
    return fn;
  }
  const tenacity = file.ctx.projectDeps.tenacity;
  const t = (name: string) => () => {
    const mod = b.pyModuleIfImported('tenacity');
    return mod ? `${mod}.${name}` : b.pyFrom('tenacity', name);
  };
  if (!file.topLevelBlock(/def _is_spend_cap\(/)) {
    pyBlock(b, PY_SPEND_CAP, {});
  }
  if (!file.topLevelBlock(/def _retryable\(/)) {
    pyBlock(b, PY_RETRYABLE, { ASE: () => pyErrorClass(b, 'APIStatusError') });
  }
  if (tenacity) {
    if (!file.topLevelBlock(/def _backoff_policy\(/)) {
      pyBlock(b, PY_TENACITY_POLICY, {
        RETRY_IF: t('retry_if_exception'),
        STOP_AFTER: t('stop_after_attempt'),
        WAIT_RANDOM_EXP: t('wait_random_exponential'),
      });
    }
    pyBlock(b, asyncCall ? PY_TENACITY_ASYNC : PY_TENACITY_SYNC, {
      RETRYING: t('Retrying'),
      ASYNC_RETRYING: t('AsyncRetrying'),
    });
    return fn;
  }
  if (!file.topLevelBlock(/def _retry_delay\(/)) {
    pyBlock(b, PY_RETRY_DELAY, { RANDOM: () => b.pyModule('random') });
  }
  pyBlock(b, asyncCall ? PY_ASYNC : PY_SYNC, {
    ASE: () => pyErrorClass(b, 'APIStatusError'),
    TIME: () => b.pyModule('time'),
    ASYNCIO: () => b.pyModule('asyncio'),
  });
  return fn;
}
