/**
 * Reads token usage (and Anthropic error details) from a response body *as it passes*
 * through the proxy, without ever delaying or altering the bytes sent to the client.
 *
 * - SSE (`text/event-stream`): an incremental parser follows the event stream chunk by
 *   chunk and parses only the `message_start` (input tokens), `message_delta` (cumulative
 *   output tokens) and `error` events. One event's data is capped; a longer event is skipped.
 * - JSON: the body is collected up to a cap and parsed once it ends; over the cap the tap
 *   gives up (usage unknown) and drops what it held, so memory stays bounded.
 * - `content-encoding` gzip, deflate and br are decoded on the side (the client still gets
 *   the encoded bytes); any other coding makes the tap give up.
 *
 * Nothing read here is kept beyond the numbers and the (scrubbed) error fields.
 */
import { StringDecoder } from 'node:string_decoder';
import * as zlib from 'node:zlib';
import { scrubSecrets } from '../secrets';
import type { ApiErrorInfo, UsageInfo } from '../monitor/source';

/** How the body is read: an event stream, a JSON document, or not at all. */
export type BodyKind = 'sse' | 'json' | 'none';

/** What the tap learnt from one body. */
export interface BodyFindings {
  readonly usage?: UsageInfo;
  /** From a JSON error body, or an SSE `error` event. `message` is scrubbed of secrets. */
  readonly error?: ApiErrorInfo;
  /** The JSON body did not parse (only reported for complete bodies). */
  readonly bodyError?: 'invalid-json';
  /** The tap stopped reading: the JSON body exceeded the cap, or its encoding was not decodable. */
  readonly gaveUp?: 'too-large' | 'encoding';
}

export interface BodyTapOptions {
  readonly kind: BodyKind;
  /** The response's `content-encoding` header, if any. */
  readonly contentEncoding?: string;
  /** Largest JSON body (decoded) that is parsed for usage. */
  readonly maxJsonBytes: number;
  /** Largest single SSE event (data) that is parsed; longer ones are skipped. */
  readonly maxEventBytes: number;
  /** Secrets to scrub from error messages (the request's key). */
  readonly secrets: readonly string[];
}

/** A side reader of one response body. `done` is called exactly once. */
export interface BodyTap {
  /** A chunk as it was sent to the client. */
  write(chunk: Buffer): void;
  /** The body ended normally. */
  end(): void;
  /** The body was cut short: report what was seen so far (usage only, no JSON parse). */
  abort(): void;
}

/** Largest decoder backlog tolerated before the tap gives up (a decoder slower than the stream). */
const MAX_DECODER_BACKLOG = 8 * 1024 * 1024;

/** Creates the tap; `done` receives the findings once the body ended or was cut short. */
export function createBodyTap(options: BodyTapOptions, done: (findings: BodyFindings) => void): BodyTap {
  let finished = false;
  const reader: BodyReader =
    options.kind === 'sse'
      ? new SseUsageReader(options.maxEventBytes, options.secrets)
      : options.kind === 'json'
        ? new JsonBodyReader(options.maxJsonBytes, options.secrets)
        : new NullReader();
  const finish = (complete: boolean, gaveUp?: 'encoding'): void => {
    if (finished) return;
    finished = true;
    const findings = reader.findings(complete);
    done(gaveUp !== undefined && findings.gaveUp === undefined ? { ...findings, gaveUp } : findings);
  };

  if (options.kind === 'none') {
    return { write: () => undefined, end: () => finish(true), abort: () => finish(false) };
  }

  const coding = (options.contentEncoding ?? '').trim().toLowerCase();
  if (coding === '' || coding === 'identity') {
    return {
      write: (chunk) => {
        if (!finished) reader.write(chunk);
      },
      end: () => finish(true),
      abort: () => finish(false),
    };
  }

  const decoder = createDecoder(coding);
  if (!decoder) {
    return { write: () => undefined, end: () => finish(false, 'encoding'), abort: () => finish(false) };
  }
  let encodingFailed = false;
  let ended = false;
  decoder.on('data', (chunk: Buffer) => {
    if (!finished && !encodingFailed) reader.write(chunk);
  });
  decoder.on('error', () => {
    encodingFailed = true;
    if (ended) finish(false, 'encoding');
  });
  decoder.on('end', () => finish(true));
  const giveUp = (): void => {
    encodingFailed = true;
    decoder.destroy();
  };
  return {
    write: (chunk) => {
      if (finished || encodingFailed) return;
      if (decoder.writableLength > MAX_DECODER_BACKLOG || reader.saturated) return giveUp();
      decoder.write(chunk);
    },
    end: () => {
      ended = true;
      if (encodingFailed) return finish(false, 'encoding');
      decoder.end();
    },
    abort: () => {
      decoder.destroy();
      finish(false);
    },
  };
}

function createDecoder(coding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined {
  // Streams end at partial frames without complaint where possible: the client decides what is valid.
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
    case 'deflate':
      return zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return undefined;
  }
}

interface BodyReader {
  write(chunk: Buffer): void;
  /** True when reading more cannot help (a JSON body over the cap). */
  readonly saturated: boolean;
  findings(complete: boolean): BodyFindings;
}

class NullReader implements BodyReader {
  readonly saturated = true;
  write(): void {}
  findings(): BodyFindings {
    return {};
  }
}

/** Collects a JSON body up to `max` bytes and parses it at the end. */
class JsonBodyReader implements BodyReader {
  private parts: Buffer[] = [];
  private size = 0;
  private tooLarge = false;

  constructor(
    private readonly max: number,
    private readonly secrets: readonly string[],
  ) {}

  get saturated(): boolean {
    return this.tooLarge;
  }

  write(chunk: Buffer): void {
    if (this.tooLarge) return;
    this.size += chunk.length;
    if (this.size > this.max) {
      this.tooLarge = true;
      this.parts = [];
      return;
    }
    this.parts.push(chunk);
  }

  findings(complete: boolean): BodyFindings {
    if (this.tooLarge) return { gaveUp: 'too-large' };
    if (!complete) return {};
    const text = Buffer.concat(this.parts, this.size).toString('utf8');
    this.parts = [];
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return { bodyError: 'invalid-json' };
    }
    const usage = usageFrom(record(data)?.usage);
    const error = errorFrom(data, this.secrets);
    return { ...(usage && { usage }), ...(error && { error }) };
  }
}

/** Follows an SSE stream incrementally (WHATWG event-stream rules) and keeps only usage and errors. */
export class SseUsageReader implements BodyReader {
  readonly saturated = false;
  private readonly decoder = new StringDecoder('utf8');
  /** An incomplete line carried over to the next chunk. */
  private partial = '';
  /** The current line is longer than the cap: ignore it up to its end. */
  private skippingLine = false;
  /** A `\r` ended the previous chunk: a `\n` starting the next one belongs to it. */
  private pendingCr = false;
  private eventName = '';
  private data = '';
  private hasData = false;
  private eventTooLarge = false;
  private inputTokens: number | undefined;
  private outputTokens: number | undefined;
  private cacheWrite: number | undefined;
  private cacheRead: number | undefined;
  private error: ApiErrorInfo | undefined;

  constructor(
    private readonly maxEventBytes: number,
    private readonly secrets: readonly string[],
  ) {}

  write(chunk: Buffer): void {
    this.feed(this.decoder.write(chunk));
  }

  /** Feeds decoded text; exposed for tests. */
  feed(text: string): void {
    const length = text.length;
    let i = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (text.charCodeAt(0) === 10) i = 1;
    }
    let cr = text.indexOf('\r', i);
    while (i < length) {
      if (cr !== -1 && cr < i) cr = text.indexOf('\r', i);
      const lf = text.indexOf('\n', i);
      let end: number;
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        end = cr;
        if (cr + 1 === length) {
          this.pendingCr = true;
          next = length;
        } else {
          next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
        }
      } else if (lf !== -1) {
        end = lf;
        next = lf + 1;
      } else {
        this.carry(text.slice(i));
        return;
      }
      const piece = text.slice(i, end);
      if (this.skippingLine) this.skippingLine = false;
      else this.line(this.partial === '' ? piece : this.partial + piece);
      this.partial = '';
      i = next;
    }
  }

  private carry(rest: string): void {
    if (this.skippingLine) return;
    if (this.partial.length + rest.length > this.maxEventBytes) {
      this.partial = '';
      this.skippingLine = true;
      this.eventTooLarge = true;
      return;
    }
    this.partial += rest;
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    if (line.charCodeAt(0) === 58) return; // ':' comment
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'event') {
      this.eventName = value;
    } else if (field === 'data') {
      if (this.eventTooLarge) return;
      if (this.data.length + value.length + 1 > this.maxEventBytes) {
        this.eventTooLarge = true;
        this.data = '';
        return;
      }
      this.data = this.hasData ? `${this.data}\n${value}` : value;
      this.hasData = true;
    }
  }

  private dispatch(): void {
    const name = this.eventName;
    const data = this.data;
    const usable = this.hasData && !this.eventTooLarge;
    this.eventName = '';
    this.data = '';
    this.hasData = false;
    this.eventTooLarge = false;
    if (!usable) return;
    // Only three event types matter; the many content_block_delta events are never parsed.
    const type =
      name !== ''
        ? name
        : data.includes('"message_start"')
          ? 'message_start'
          : data.includes('"message_delta"')
            ? 'message_delta'
            : data.includes('"error"')
              ? 'error'
              : '';
    if (type !== 'message_start' && type !== 'message_delta' && type !== 'error') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return;
    }
    if (type === 'message_start') {
      this.take(usageFrom(record(record(parsed)?.message)?.usage));
    } else if (type === 'message_delta') {
      this.take(usageFrom(record(parsed)?.usage));
    } else {
      this.error = errorFrom(parsed, this.secrets) ?? this.error;
    }
  }

  /** Later values win: `message_delta` usage is cumulative. */
  private take(usage: UsageInfo | undefined): void {
    if (usage?.inputTokens !== undefined) this.inputTokens = usage.inputTokens;
    if (usage?.outputTokens !== undefined) this.outputTokens = usage.outputTokens;
    if (usage?.cacheCreationInputTokens !== undefined) this.cacheWrite = usage.cacheCreationInputTokens;
    if (usage?.cacheReadInputTokens !== undefined) this.cacheRead = usage.cacheReadInputTokens;
  }

  findings(): BodyFindings {
    const usage: UsageInfo = {
      ...(this.inputTokens !== undefined && { inputTokens: this.inputTokens }),
      ...(this.outputTokens !== undefined && { outputTokens: this.outputTokens }),
      ...(this.cacheWrite !== undefined && { cacheCreationInputTokens: this.cacheWrite }),
      ...(this.cacheRead !== undefined && { cacheReadInputTokens: this.cacheRead }),
    };
    return {
      ...(Object.keys(usage).length > 0 && { usage }),
      ...(this.error && { error: this.error }),
    };
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function count(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** `usage.input_tokens` / `usage.output_tokens`, when valid. */
function usageFrom(value: unknown): UsageInfo | undefined {
  const usage = record(value);
  if (!usage) return undefined;
  const found: UsageInfo = {
    ...(count(usage.input_tokens) && { inputTokens: usage.input_tokens }),
    ...(count(usage.output_tokens) && { outputTokens: usage.output_tokens }),
    ...(count(usage.cache_creation_input_tokens) && {
      cacheCreationInputTokens: usage.cache_creation_input_tokens,
    }),
    ...(count(usage.cache_read_input_tokens) && { cacheReadInputTokens: usage.cache_read_input_tokens }),
  };
  return Object.keys(found).length > 0 ? found : undefined;
}

/** The `error` of an Anthropic error body (`{"type":"error","error":{…}}`), message scrubbed. */
function errorFrom(value: unknown, secrets: readonly string[]): ApiErrorInfo | undefined {
  const body = record(value);
  const error = record(body?.error);
  if (!body || body.type !== 'error' || !error) return undefined;
  const details = record(error.details);
  const info: ApiErrorInfo = {
    ...(typeof error.type === 'string' && { type: error.type }),
    ...(typeof error.message === 'string' && { message: scrubSecrets(error.message, secrets) }),
    ...(typeof details?.error_code === 'string' && { errorCode: details.error_code }),
  };
  return Object.keys(info).length > 0 ? info : undefined;
}
