import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import type { CliIo } from '../../../src/cli/cli';
import { DEFAULT_PROXY_PORT, runProxyCommand } from '../../../src/cli/proxy';
import { startMockAnthropic, type MockAnthropic } from '../../mock-anthropic/server';
import { KEY, waitFor } from './helpers';

interface Run {
  io: CliIo;
  out: () => string;
  err: () => string;
}

function capture(): Run {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s) },
      cwd: process.cwd(),
    },
    out: () => out,
    err: () => err,
  };
}

describe('headroom proxy (CLI)', function () {
  this.timeout(15_000);
  let server: MockAnthropic;

  before(async () => {
    server = await startMockAnthropic({ apiKey: KEY });
  });
  after(async () => {
    await server.close();
  });

  it('prints the URL and the export line, one secret-free line per response, and a summary when stopped', async () => {
    const run = capture();
    const stop = new AbortController();
    const done = runProxyCommand(['--port', '0', '--upstream', server.url], run.io, stop.signal);
    await waitFor(() => run.out().includes('export ANTHROPIC_BASE_URL='), 5000, 'the start lines');
    const url = /export ANTHROPIC_BASE_URL=(http:\/\/127\.0\.0\.1:\d+)\n/.exec(run.out())?.[1];
    assert.ok(url, run.out());
    assert.match(
      run.out(),
      new RegExp(`listening on ${url.replace(/\./g, '\\.')} -> ${server.url.replace(/\./g, '\\.')}`),
    );

    const client = new Anthropic({ apiKey: KEY, baseURL: url, maxRetries: 0 });
    await client.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 7,
      messages: [{ role: 'user', content: 'hi' }],
    });
    server.setFaults({ error: 'rate-limit', times: 1, retryAfterSeconds: 9 });
    await client.messages
      .create({ model: 'claude-haiku-4-5', max_tokens: 7, messages: [{ role: 'user', content: 'hi' }] })
      .catch(() => undefined);
    await waitFor(() => run.out().includes('rate_limit_error'), 3000, 'the 429 line');

    stop.abort();
    assert.equal(await done, 0);
    const lines = run.out().split('\n');
    const ok = lines.find((l) => / claude-haiku-4-5 {2}200 /.test(l));
    assert.ok(ok, run.out());
    assert.match(
      ok,
      /^\d\d:\d\d:\d\d {2}claude-haiku-4-5 {2}200 {2}RPM 49\/50 {2}ITPM 50,000\/50,000 {2}OTPM 10,000\/10,000 {2}\d+ ms {2}tokens in 1 out 7 {2}req_/,
    );
    const limited = lines.find((l) => l.includes(' 429 rate_limit_error'));
    assert.match(limited ?? '', /retry-after 9s/);
    assert.match(
      run.out(),
      /Stopped\. 2 requests \(1 model\): 2xx 1, 429 1, 529 0, other 0, network errors 0; tokens in 1, out 7\./,
    );
    assert.ok(!run.out().includes(KEY) && !run.err().includes(KEY));
  });

  it('reports an unreachable upstream on its line', async () => {
    const run = capture();
    const stop = new AbortController();
    const done = runProxyCommand(['--port=0', '--upstream=http://127.0.0.1:1'], run.io, stop.signal);
    await waitFor(() => run.out().includes('export ANTHROPIC_BASE_URL='), 5000, 'the start lines');
    const url = /export ANTHROPIC_BASE_URL=(\S+)/.exec(run.out())?.[1] as string;
    const client = new Anthropic({ apiKey: KEY, baseURL: url, maxRetries: 0 });
    await client.models.list().catch(() => undefined);
    await waitFor(() => run.out().includes('upstream unreachable'), 3000, 'the failure line');
    stop.abort();
    assert.equal(await done, 0);
    assert.match(
      run.out(),
      /unknown {2}upstream unreachable \(connection error: ECONNREFUSED\), answered 502/,
    );
  });

  it('without --port: the default port, or a free one when it is taken', async () => {
    // Hold the default port (if nobody else does) so the fallback is exercised either way.
    const blocker = net.createServer();
    await new Promise<void>((resolve) => {
      blocker.once('error', () => resolve());
      blocker.listen(DEFAULT_PROXY_PORT, '127.0.0.1', () => resolve());
    });
    try {
      const run = capture();
      const stop = new AbortController();
      const done = runProxyCommand(['--upstream', server.url], run.io, stop.signal);
      await waitFor(() => run.out().includes('export ANTHROPIC_BASE_URL='), 5000, 'the start lines');
      assert.match(run.err(), new RegExp(`port ${DEFAULT_PROXY_PORT} is in use; using a free port`));
      assert.doesNotMatch(run.out(), new RegExp(`:${DEFAULT_PROXY_PORT}\\n`));
      stop.abort();
      assert.equal(await done, 0);
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('an explicit port in use exits 2 with a clear message', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const run = capture();
      assert.equal(await runProxyCommand(['--port', String(port), '--upstream', server.url], run.io), 2);
      assert.match(run.err(), new RegExp(`port ${port} is in use \\(try --port 0 for a free one\\)`));
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('validates --port and --upstream (exit 2), prints --help (exit 0)', async () => {
    const cases: [string[], RegExp][] = [
      [['--port', '65536'], /--port must be a whole number from 0 to 65535 \(got "65536"\)/],
      [['--port', '-1'], /--port needs a value/],
      [['--port', 'abc'], /--port must be a whole number/],
      [['--port'], /--port needs a value/],
      [['--upstream', 'ftp://example.com'], /--upstream: upstream must be an https URL/],
      [['--upstream', 'http://example.com'], /http is allowed only for 127\.0\.0\.1\/localhost/],
      [
        ['--upstream', 'not a url'],
        /--upstream: upstream is not a valid URL \(expected e\.g\. https:\/\/api\.anthropic\.com\)/,
      ],
      [['--upstream', 'https://user:pw@example.com'], /must not contain credentials/],
      [['--verbose'], /unknown option "--verbose"/],
      [['extra'], /unexpected argument "extra"/],
    ];
    for (const [argv, message] of cases) {
      const run = capture();
      assert.equal(await runProxyCommand(argv, run.io), 2, argv.join(' '));
      assert.match(run.err(), message, argv.join(' '));
      assert.match(run.err(), /Run "headroom proxy --help" for usage\./);
      assert.ok(!run.err().includes('pw@'), 'credentials are not echoed');
    }
    const help = capture();
    assert.equal(await runProxyCommand(['--help'], help.io), 0);
    assert.match(help.out(), /^Usage: headroom proxy \[--port N\] \[--upstream URL\]/);
  });

  it('stops on SIGTERM when no signal is given, and removes its signal handlers', async () => {
    const counts = (): number[] => [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')];
    const before = counts();
    const run = capture();
    const done = runProxyCommand(['--port', '0', '--upstream', server.url], run.io);
    await waitFor(() => run.out().includes('Press Ctrl+C to stop.'), 5000, 'the start lines');
    assert.deepEqual(counts(), [before[0]! + 1, before[1]! + 1]);
    process.emit('SIGTERM');
    assert.equal(await done, 0);
    assert.deepEqual(counts(), before);
    assert.match(run.out(), /Stopped\. 0 requests/);
  });
});
