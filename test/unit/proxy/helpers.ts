/** Shared helpers for the proxy tests: a raw HTTP client, an echo upstream, a recording logger. */
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Logger } from '../../../src/core/logger';

export const KEY = 'sk-ant-api03-proxy-unit-test-key-0123456789abcdef';

export interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  readonly sha256: string;
}

export interface RawRequest {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: http.OutgoingHttpHeaders;
  readonly body?: string | Buffer;
  readonly agent?: http.Agent;
  /** Send the body chunked (no content-length). */
  readonly chunked?: boolean;
}

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** One request with Node's `http`: the whole response body as bytes, with its SHA-256. */
export function rawRequest(base: string, options: RawRequest = {}): Promise<RawResponse> {
  const url = new URL(options.path ?? '/v1/messages', base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: options.method ?? 'POST',
        agent: options.agent ?? false,
        headers: {
          ...(options.body !== undefined &&
            !options.chunked && { 'content-length': Buffer.byteLength(options.body) }),
          ...options.headers,
        },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(parts);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            rawHeaders: res.rawHeaders,
            body,
            sha256: sha256(body),
          });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}

/** Headers an Anthropic client sends. */
export function apiHeaders(extra: http.OutgoingHttpHeaders = {}): http.OutgoingHttpHeaders {
  return {
    'content-type': 'application/json',
    'anthropic-version': '2023-06-01',
    'x-api-key': KEY,
    ...extra,
  };
}

/** A `/v1/messages` body. */
export function messagesBody(
  model: string,
  options: { stream?: boolean; maxTokens?: number; text?: string } = {},
): string {
  return JSON.stringify({
    model,
    max_tokens: options.maxTokens ?? 16,
    messages: [{ role: 'user', content: options.text ?? 'Hello there.' }],
    ...(options.stream && { stream: true }),
  });
}

/** A logger that keeps every line, to prove nothing secret is logged. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push =
    (level: string) =>
    (message: string | Error): void => {
      lines.push(
        `${level} ${message instanceof Error ? `${message.message}\n${message.stack ?? ''}` : message}`,
      );
    };
  return {
    lines,
    trace: push('trace'),
    debug: push('debug'),
    info: push('info'),
    warn: push('warn'),
    error: push('error'),
  };
}

/** What the echo upstream saw of one request. */
export interface EchoRecord {
  readonly method: string;
  readonly url: string;
  readonly rawHeaders: readonly string[];
  readonly headers: http.IncomingHttpHeaders;
  readonly bodySha256: string;
  readonly bodyBytes: number;
}

export type EchoHandler = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void;

/**
 * A minimal upstream that records each request (body hashed, not kept) and answers with
 * `handler`, or by default with `{"ok":true}`.
 */
export async function startEchoUpstream(handler?: EchoHandler): Promise<{
  url: string;
  requests: EchoRecord[];
  setHandler(next: EchoHandler | undefined): void;
  close(): Promise<void>;
}> {
  const requests: EchoRecord[] = [];
  let current = handler;
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const body = Buffer.concat(parts);
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        rawHeaders: req.rawHeaders,
        headers: req.headers,
        bodySha256: sha256(body),
        bodyBytes: body.length,
      });
      if (current) return current(req, res, body);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    setHandler: (next) => {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

/** Polls `condition` every 5 ms until it holds (or fails after `timeoutMs`). */
export async function waitFor(condition: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Runs `tasks` with at most `concurrency` at once, results in order. */
export async function pool<T>(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}
