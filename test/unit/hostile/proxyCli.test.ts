/**
 * Hostile input, the proxy command (issue item 14): an upstream that is the proxy itself
 * is refused with a message that says so, not "cannot listen (unknown error)".
 */
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { runProxyCommand } from '../../../src/cli/proxy';

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
