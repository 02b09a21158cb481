import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { optionsFromArgs, parseCliArgs } from '../../mock-anthropic/cli';

describe('mock-anthropic cli', () => {
  it('parses --port, --rpm, --itpm, --otpm, --api-key, --reply-tokens, --latency', () => {
    const args = parseCliArgs([
      '--port',
      '8787',
      '--rpm',
      '5',
      '--itpm',
      '1000',
      '--otpm',
      '200',
      '--api-key',
      'sk-ant-x',
      '--reply-tokens',
      '3',
      '--latency',
      '25',
    ]);
    assert.deepEqual(args, {
      port: 8787,
      rpm: 5,
      itpm: 1000,
      otpm: 200,
      apiKey: 'sk-ant-x',
      replyTokens: 3,
      latencyMs: 25,
    });
    assert.deepEqual(optionsFromArgs(args), {
      port: 8787,
      limits: { rpm: 5, itpm: 1000, otpm: 200 },
      apiKey: 'sk-ant-x',
      replyTokens: 3,
      faults: { latencyMs: 25 },
    });
    assert.deepEqual(parseCliArgs([]), { port: 0 });
  });

  it('rejects bad arguments with the usage text', () => {
    assert.throws(() => parseCliArgs(['--rpm', 'many']), /--rpm needs a whole number\nusage:/);
    assert.throws(() => parseCliArgs(['--port', '70000']), /at most 65535/);
    assert.throws(() => parseCliArgs(['--bogus']), /unknown argument --bogus/);
    assert.throws(() => parseCliArgs(['--api-key']), /--api-key needs a value/);
    assert.throws(() => parseCliArgs(['--help']), /^Error: usage:/);
  });

  it('runs as a script, prints the URL, serves, and stops on SIGTERM', async () => {
    const script = join(__dirname, '../../mock-anthropic/cli.js');
    const child = spawn(process.execPath, [script, '--port', '0', '--rpm', '7'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        const rl = createInterface({ input: child.stdout });
        rl.once('line', (l) => {
          rl.close();
          resolve(l);
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
      });
      const match = /^Mock Anthropic API listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
      assert.ok(match, line);
      const response = await fetch(`${match[1]}/v1/messages`, {
        method: 'POST',
        headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', max_tokens: 1, messages: [{ role: 'user', content: '.' }] }),
      });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('anthropic-ratelimit-requests-limit'), '7');
      await response.text();
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
