/**
 * retries-disabled when someone else owns retries: comments at the client, rate-limit handlers
 * that retry, local retry wrappers. The fixture corpus holds the realistic pairs; these are the
 * edges of each heuristic.
 */
import * as assert from 'node:assert/strict';
import { getEngine } from '../lint/helpers';

const CALL = "await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 8, messages: [] });";

async function reported(source: string, language: 'typescript' | 'python' = 'typescript'): Promise<boolean> {
  const engine = await getEngine();
  return engine.lint(source, language).some((f) => f.rule === 'retries-disabled');
}

function tsClient(comment: string): string {
  return [
    "import Anthropic from '@anthropic-ai/sdk';",
    comment,
    'const client = new Anthropic({ maxRetries: 0 });',
    `export async function ask() { ${CALL} }`,
  ].join('\n');
}

describe('retries-disabled: retries owned elsewhere', () => {
  it('trusts a comment that says who owns retries, not one that only mentions them', async () => {
    for (const comment of [
      '// retries are handled by the job queue',
      '// The caller owns retries.',
      '/* we do our own backoff in the worker */',
      '// retried upstream by the workflow engine',
    ]) {
      assert.equal(await reported(tsClient(comment)), false, comment);
    }
    for (const comment of [
      '// TODO: handle retries',
      '// no retries for now',
      '// retries made the demo slow',
      '// see docs',
      '',
    ]) {
      assert.equal(await reported(tsClient(comment)), true, comment);
    }
  });

  it('counts a catch that names the rate limit and waits, re-queues or calls again', async () => {
    const withCatch = (handler: string): string =>
      [
        "import Anthropic from '@anthropic-ai/sdk';",
        'const client = new Anthropic({ maxRetries: 0 });',
        `export async function ask(): Promise<unknown> { try { return ${CALL.replace('await ', 'await ')} } catch (err) { ${handler} } }`,
      ].join('\n');
    for (const handler of [
      'if (err instanceof Anthropic.RateLimitError) { await sleep(1000); return ask(); } throw err;',
      "if (err instanceof Anthropic.RateLimitError) queue.push({ at: Number(err.headers.get('retry-after')) }); else throw err;",
      'if (err.status === 429) return ask();',
    ]) {
      assert.equal(await reported(withCatch(handler)), false, handler);
    }
    for (const handler of [
      'if (err instanceof Anthropic.RateLimitError) log(err); throw err;',
      'if (err.status === 400) errors.push(err); throw err;',
      'await sleep(1000); throw err;',
    ]) {
      assert.equal(await reported(withCatch(handler)), true, handler);
    }
  });

  it('follows a local wrapper only when it retries (loop, try and wait)', async () => {
    const withWrapper = (body: string): string =>
      [
        "import Anthropic from '@anthropic-ai/sdk';",
        'const client = new Anthropic({ maxRetries: 0 });',
        `async function run<T>(fn: () => Promise<T>): Promise<T> { ${body} }`,
        `export const ask = () => run(() => client.messages.create({ model: 'm', max_tokens: 8, messages: [] }));`,
      ].join('\n');
    assert.equal(
      await reported(
        withWrapper(
          'for (let i = 0; ; i++) { try { return await fn(); } catch { await sleep(2 ** i * 100); } }',
        ),
      ),
      false,
    );
    assert.equal(await reported(withWrapper('try { return await fn(); } finally { done(); }')), true);
    assert.equal(await reported(withWrapper('return fn();')), true);
  });
});
