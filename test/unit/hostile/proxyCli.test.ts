/**
 * Hostile input, the proxy (issue items 12, 14): an upstream that is the proxy itself is
 * refused with a message that says so, not "cannot listen (unknown error)"; an upstream
 * that never sends headers cannot hold a client forever.
 */
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import { runProxyCommand } from '../../../src/cli/proxy';
import type { Observation } from '../../../src/core/monitor/source';
import { startProxy } from '../../../src/core/proxy';

/** A port that was free a moment ago on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('hostile input: the proxy command', () => {
  it('refuses its own address as the upstream, saying why (exit 2)', async () => {
    const port = await freePort();
    let err = '';
    // Stops the proxy should it start after all (then the exit code is 0 and the test fails).
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), 5000);
    const code = await runProxyCommand(
      ['--port', String(port), '--upstream', `http://127.0.0.1:${port}`],
      { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) }, cwd: process.cwd() },
      stop.signal,
    );
    clearTimeout(timer);
    assert.equal(code, 2);
    assert.match(err, /^headroom proxy: upstream http:\/\/127\.0\.0\.1:\d+ is this proxy itself/m);
    assert.doesNotMatch(err, /unknown error/);
  });
});

describe('hostile input: an upstream that never answers', () => {
  it('gets the client an Anthropic-shaped 504 timeout_error after the headers timeout, and is counted', async () => {
    // An upstream that accepts the request and never sends a byte back.
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const observations: Observation[] = [];
    const proxy = await startProxy({ upstream: `http://127.0.0.1:${port}`, headersTimeoutMs: 300 });
    proxy.onObservation((o) => observations.push(o));
    try {
      const res = await fetch(`${proxy.url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'FAKE-NOT-A-REAL-KEY' },
        body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 5, messages: [] }),
      });
      assert.equal(res.status, 504);
      const body = (await res.json()) as { type: string; error: { type: string; message: string } };
      assert.equal(body.type, 'error');
      assert.equal(body.error.type, 'timeout_error');
      assert.match(body.error.message, /sent no response headers within \d+ s/);
      const seen = observations.find((o) => o.kind === 'network-error');
      assert.ok(seen && seen.kind === 'network-error' && seen.timeout);
      assert.equal(proxy.stats().total.networkErrors, 1);
    } finally {
      await proxy.close();
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
