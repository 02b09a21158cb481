import * as assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import {
  createBodyTap,
  SseUsageReader,
  type BodyFindings,
  type BodyKind,
} from '../../../src/core/proxy/bodyTap';

const SECRET = 'sk-ant-api03-secret-in-an-error-message';

/** Feeds `body` to a tap in pieces of `size` bytes and resolves with its findings. */
function tapAll(
  kind: BodyKind,
  body: Buffer,
  size: number,
  options: { encoding?: string; maxJsonBytes?: number; maxEventBytes?: number; cut?: boolean } = {},
): Promise<BodyFindings> {
  return new Promise((resolve) => {
    const tap = createBodyTap(
      {
        kind,
        contentEncoding: options.encoding,
        maxJsonBytes: options.maxJsonBytes ?? 1 << 20,
        maxEventBytes: options.maxEventBytes ?? 1 << 16,
        secrets: [SECRET],
      },
      resolve,
    );
    for (let i = 0; i < body.length; i += size) tap.write(body.subarray(i, i + size));
    if (options.cut) tap.abort();
    else tap.end();
  });
}

function sse(events: [string, unknown][], newline = '\n'): Buffer {
  return Buffer.from(
    events
      .map(([name, data]) => `event: ${name}${newline}data: ${JSON.stringify(data)}${newline}${newline}`)
      .join(''),
  );
}

const STREAM: [string, unknown][] = [
  ['message_start', { type: 'message_start', message: { usage: { input_tokens: 1234, output_tokens: 1 } } }],
  ['content_block_start', { type: 'content_block_start', index: 0 }],
  ['ping', { type: 'ping' }],
  [
    'content_block_delta',
    { type: 'content_block_delta', delta: { text: 'é€😀 "usage":{"output_tokens":77}' } },
  ],
  ['message_delta', { type: 'message_delta', usage: { output_tokens: 56 } }],
  ['message_stop', { type: 'message_stop' }],
];

describe('proxy/bodyTap: usage read on the side', () => {
  it('SSE: message_start input and the final message_delta output, whatever the chunking', async () => {
    const body = sse(STREAM);
    for (const size of [1, 2, 3, 7, 64, body.length]) {
      assert.deepEqual(
        await tapAll('sse', body, size),
        { usage: { inputTokens: 1234, outputTokens: 56 } },
        `size ${size}`,
      );
    }
  });

  it('SSE: CRLF and CR line endings, comments, multi-line data, no event names', async () => {
    assert.deepEqual((await tapAll('sse', sse(STREAM, '\r\n'), 5)).usage, {
      inputTokens: 1234,
      outputTokens: 56,
    });
    assert.deepEqual((await tapAll('sse', sse(STREAM, '\r'), 1)).usage, {
      inputTokens: 1234,
      outputTokens: 56,
    });
    const odd = Buffer.from(
      ': a comment\n' +
        'data: {"type":"message_start",\ndata: "message":{"usage":{"input_tokens":8}}}\n\n' +
        'data:{"type":"message_delta","usage":{"output_tokens":3,"input_tokens":9}}\n\n',
    );
    assert.deepEqual((await tapAll('sse', odd, 4)).usage, { inputTokens: 9, outputTokens: 3 });
  });

  it('SSE: an error event is reported with its message scrubbed', async () => {
    const body = sse([
      ...STREAM.slice(0, 2),
      ['error', { type: 'error', error: { type: 'overloaded_error', message: `Overloaded ${SECRET}` } }],
    ]);
    const found = await tapAll('sse', body, 10);
    assert.deepEqual(found.error, { type: 'overloaded_error', message: 'Overloaded [redacted]' });
    assert.deepEqual(found.usage, { inputTokens: 1234, outputTokens: 1 });
  });

  it('SSE: an event over the cap is skipped, later events still count; a cut stream reports what it saw', async () => {
    const huge: [string, unknown] = [
      'message_delta',
      { type: 'message_delta', usage: { output_tokens: 1 }, pad: 'x'.repeat(5000) },
    ];
    const body = sse([STREAM[0]!, huge, STREAM[4]!]);
    assert.deepEqual((await tapAll('sse', body, 100, { maxEventBytes: 1000 })).usage, {
      inputTokens: 1234,
      outputTokens: 56,
    });
    const cut = sse(STREAM.slice(0, 3));
    assert.deepEqual((await tapAll('sse', cut, 9, { cut: true })).usage, {
      inputTokens: 1234,
      outputTokens: 1,
    });
  });

  it('SSE: garbage never throws', async () => {
    const reader = new SseUsageReader(100, []);
    reader.feed('event: message_start\ndata: {not json\n\n\r\n\r\rdata\n\n:\n' + 'y'.repeat(500) + '\n\n');
    assert.deepEqual(reader.findings(), {});
  });

  it('JSON: usage and error details; invalid JSON and cut bodies', async () => {
    const ok = Buffer.from(JSON.stringify({ content: [], usage: { input_tokens: 5, output_tokens: 6 } }));
    assert.deepEqual(await tapAll('json', ok, 3), { usage: { inputTokens: 5, outputTokens: 6 } });
    const err = Buffer.from(
      JSON.stringify({
        type: 'error',
        error: {
          type: 'rate_limit_error',
          message: `no ${SECRET}`,
          details: { error_code: 'enforced_spend_limit_reached' },
        },
      }),
    );
    assert.deepEqual(await tapAll('json', err, 3), {
      error: {
        type: 'rate_limit_error',
        message: 'no [redacted]',
        errorCode: 'enforced_spend_limit_reached',
      },
    });
    assert.deepEqual(await tapAll('json', Buffer.from('<html>502</html>'), 3), { bodyError: 'invalid-json' });
    assert.deepEqual(await tapAll('json', ok, 3, { cut: true }), {});
    assert.deepEqual(await tapAll('json', ok, 3, { maxJsonBytes: 10 }), { gaveUp: 'too-large' });
    assert.deepEqual(await tapAll('none', ok, 3), {});
  });

  it('encodings: gzip, deflate, br decoded on the side; corrupt or unknown ones give up', async () => {
    const json = JSON.stringify({ usage: { input_tokens: 2, output_tokens: 3 } });
    const usage = { inputTokens: 2, outputTokens: 3 };
    assert.deepEqual((await tapAll('json', zlib.gzipSync(json), 4, { encoding: 'gzip' })).usage, usage);
    assert.deepEqual((await tapAll('json', zlib.deflateSync(json), 4, { encoding: 'deflate' })).usage, usage);
    assert.deepEqual(
      (await tapAll('json', zlib.brotliCompressSync(json), 4, { encoding: 'br' })).usage,
      usage,
    );
    assert.deepEqual((await tapAll('sse', zlib.gzipSync(sse(STREAM)), 4, { encoding: 'gzip' })).usage, {
      inputTokens: 1234,
      outputTokens: 56,
    });
    assert.equal(
      (await tapAll('json', Buffer.from('not gzip at all'), 4, { encoding: 'gzip' })).gaveUp,
      'encoding',
    );
    assert.equal((await tapAll('json', Buffer.from(json), 4, { encoding: 'zstd' })).gaveUp, 'encoding');
    const big = zlib.gzipSync(JSON.stringify({ pad: 'z'.repeat(100_000), usage: { input_tokens: 1 } }));
    assert.equal(
      (await tapAll('json', big, 512, { encoding: 'gzip', maxJsonBytes: 1000 })).gaveUp,
      'too-large',
    );
  });
});
