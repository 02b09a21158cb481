import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  FAMILY_HEADER_PREFIX,
  LIMIT_FAMILIES,
  hasRateLimitData,
  normalizeHeaders,
  parseCount,
  parseHttpDate,
  parseRateLimitHeaders,
  parseRfc3339,
  retryAfterUntil,
  type LimitFamilyId,
  type RateLimitSnapshot,
} from '../../../src/core/monitor/headers';
import { loadRecordedResponses, titleCase } from './helpers';

type Triple = [limit: number | undefined, remaining: number | undefined, reset: string | undefined];
interface Expected {
  families: Partial<Record<LimitFamilyId, Triple>>;
  retryAfterSeconds?: number;
  requestId?: string;
  organizationRedacted?: boolean;
}

const same = (l: number, r: number, reset: string): Triple => [l, r, reset];

/** What each of the 30 recorded responses must parse to, written out by hand from the JSON. */
const EXPECTED: Expected[] = [
  /* 0 */ {
    families: {
      'input-tokens': same(2000000, 1999000, '2026-02-17T23:44:15Z'),
      'output-tokens': same(400000, 400000, '2026-02-17T23:44:15Z'),
      requests: same(20000, 19999, '2026-02-17T23:44:15Z'),
      tokens: same(2400000, 2399000, '2026-02-17T23:44:15Z'),
    },
    requestId: 'req_011CYEXgSYrkVjyhx1k5rzxd',
    organizationRedacted: true,
  },
  /* 1 */ {
    families: {
      'input-tokens': same(2000000, 1999000, '2025-11-15T00:56:36Z'),
      'output-tokens': same(400000, 400000, '2025-11-15T00:56:36Z'),
      tokens: same(2400000, 2399000, '2025-11-15T00:56:36Z'),
    },
    retryAfterSeconds: 24,
    requestId: 'req_011CV8mMVoyiKVAMMzgZLjgD',
    organizationRedacted: true,
  },
  /* 2 */ {
    families: {
      'input-tokens': same(2000000, 1999000, '2025-11-15T20:26:31Z'),
      'output-tokens': same(400000, 400000, '2025-11-15T20:26:30Z'),
      requests: same(4000, 3999, '2025-11-15T20:26:31Z'),
      tokens: same(2400000, 2399000, '2025-11-15T20:26:30Z'),
    },
    retryAfterSeconds: 31,
    requestId: 'req_011CVAJZp7GHE5wh4G4U1Z5K',
    organizationRedacted: true,
  },
  /* 3 */ {
    families: {
      'input-tokens': same(2000000, 2000000, '2026-02-17T19:29:32Z'),
      'output-tokens': same(400000, 400000, '2026-02-17T19:29:32Z'),
      requests: same(4000, 3999, '2026-02-17T19:29:32Z'),
      tokens: same(2400000, 2400000, '2026-02-17T19:29:32Z'),
    },
    requestId: 'req_011CYECFvaBJJLbgcvbBiR8Q',
    organizationRedacted: true,
  },
  /* 4 */ {
    families: {
      'input-tokens': same(10000000, 10000000, '2026-07-13T23:16:36Z'),
      'output-tokens': same(2000000, 1999000, '2026-07-13T23:16:45Z'),
      requests: same(20000, 19999, '2026-07-13T23:16:36Z'),
      tokens: same(12000000, 11999000, '2026-07-13T23:16:36Z'),
    },
    requestId: 'req_011Cczufp6yxEd5xkbWJ39jH',
    organizationRedacted: true,
  },
  /* 5 */ {
    families: {
      'input-tokens': same(4000000, 3870000, '2025-11-19T21:21:47Z'),
      'output-tokens': same(800000, 799000, '2025-11-19T21:21:54Z'),
      requests: same(4000, 3999, '2025-11-19T21:21:36Z'),
      tokens: same(4800000, 4669000, '2025-11-19T21:21:47Z'),
    },
    retryAfterSeconds: 16,
    requestId: 'req_011CVHx196oPGzZRxJJscME5',
    organizationRedacted: true,
  },
  /* 6 */ {
    families: {
      'input-tokens': same(50000, 50000, '2025-10-24T17:54:00Z'),
      'output-tokens': same(10000, 10000, '2025-10-24T17:54:00Z'),
      requests: same(50, 49, '2025-10-24T17:54:01Z'),
      tokens: same(60000, 60000, '2025-10-24T17:54:00Z'),
    },
    requestId: 'req_011CUST99bE4hkYVCQRpVZox',
    organizationRedacted: true,
  },
  /* 7 */ {
    families: {
      'input-tokens': same(40000, 40000, '2025-10-24T22:39:21Z'),
      'output-tokens': same(8000, 8000, '2025-10-24T22:39:21Z'),
      requests: same(50, 49, '2025-10-24T22:39:21Z'),
      tokens: same(48000, 48000, '2025-10-24T22:39:21Z'),
    },
    requestId: 'req_011CUSpu9sX2qSQwmNdoHTWi',
    organizationRedacted: true,
  },
  /* 8 */ { families: {}, requestId: 'req_011CczucEpAJhxQrXmpnodCV', organizationRedacted: true },
  /* 9 */ {
    families: {
      'input-tokens': same(10000000, 10000000, '2026-08-19T14:34:12Z'),
      'output-tokens': same(2000000, 2000000, '2026-08-19T14:34:12Z'),
      requests: same(10000, 9997, '2026-08-19T14:34:11Z'),
      tokens: same(12000000, 12000000, '2026-08-19T14:34:12Z'),
    },
    organizationRedacted: true,
  },
  /* 10 */ {
    families: {
      'input-tokens': same(450000, 450000, '2026-06-08T18:45:44Z'),
      'output-tokens': same(90000, 90000, '2026-06-08T18:45:44Z'),
      requests: same(1000, 999, '2026-06-08T18:45:43Z'),
      tokens: same(540000, 540000, '2026-06-08T18:45:44Z'),
    },
    organizationRedacted: true,
  },
  /* 11 */ { families: {}, retryAfterSeconds: 10, organizationRedacted: true },
  /* 12 */ { families: {}, organizationRedacted: true },
  /* 13 */ { families: {} },
  /* 14 */ {
    families: {
      'input-tokens': same(400000, 400000, '2025-11-04T22:50:55Z'),
      'output-tokens': same(80000, 80000, '2025-11-04T22:50:55Z'),
      requests: same(4000, 3999, '2025-11-04T22:50:54Z'),
      tokens: same(480000, 480000, '2025-11-04T22:50:55Z'),
    },
    retryAfterSeconds: 5,
    requestId: 'req_011CUofgQ1jTrjQ2sveXU1cC',
    organizationRedacted: true,
  },
  /* 15 */ { families: {}, retryAfterSeconds: 13, organizationRedacted: true },
  /* 16 */ {
    families: { requests: same(50, 49, '2025-12-08T23:16:54Z') },
    retryAfterSeconds: 5,
    organizationRedacted: true,
  },
  /* 17 */ { families: {}, organizationRedacted: true },
  /* 18 */ {
    families: {
      'input-tokens': same(400000, 400000, '2025-01-29T12:42:57Z'),
      'output-tokens': same(80000, 80000, '2025-01-29T12:42:57Z'),
      requests: same(4000, 3999, '2025-01-29T12:42:57Z'),
      tokens: same(480000, 480000, '2025-01-29T12:42:57Z'),
    },
    requestId: 'req_01DuXcybjB1V39JZS58XGLgJ',
  },
  /* 19 */ { families: {}, retryAfterSeconds: 10, requestId: 'req_013NGhLDth1jhK2scfokEoQR' },
  /* 20 */ { families: {}, requestId: 'req_01FSiRpS5YwNYHALsWqd9pmr' },
  /* 21 */ { families: {}, requestId: 'req_0198ngFKNhsbiAJcnsxVJU1y' },
  /* 22 */ { families: {}, requestId: 'req_01KzDy3XbJH8hEFdH9vwkt5H' },
  /* 23 */ {
    families: { requests: same(4000, 3999, '2025-01-02T01:08:57Z') },
    requestId: 'req_01DZx4u3zgRUjdg1jahC4xKR',
  },
  /* 24 */ {
    families: {
      requests: same(2000, 1999, '2024-10-29T23:57:40Z'),
      tokens: same(160000, 160000, '2024-10-29T23:57:36Z'),
    },
    requestId: 'req_01F6CycZZPSHKRCCctcS1Vto',
  },
  /* 25 */ {
    families: {
      requests: same(5, 0, '2024-03-26T20:00:00Z'),
      tokens: same(25000, 16000, '2024-03-26T20:00:00Z'),
    },
    requestId: 'req_01T5fCVnYdf9X5ZW6KayReBK',
  },
  /* 26 */ { families: {}, requestId: 'req_01RCc7MbLyQNtGKzBTv8VCep' },
  /* 27 */ { families: {}, retryAfterSeconds: 13262 },
  /* 28 */ { families: {} },
  /* 29 */ {
    families: { requests: [50, 49, undefined], tokens: [undefined, 29873, undefined] },
  },
];

function assertMatches(snapshot: RateLimitSnapshot, expected: Expected, label: string): void {
  const present = Object.keys(snapshot.families).sort();
  assert.deepEqual(present, Object.keys(expected.families).sort(), `${label}: families`);
  for (const [id, [limit, remaining, reset]] of Object.entries(expected.families) as [
    LimitFamilyId,
    Triple,
  ][]) {
    const family = snapshot.families[id];
    assert.ok(family, `${label}: ${id}`);
    assert.equal(family.limit, limit, `${label}: ${id} limit`);
    assert.equal(family.remaining, remaining, `${label}: ${id} remaining`);
    assert.equal(family.reset?.toISOString().replace('.000Z', 'Z'), reset, `${label}: ${id} reset`);
    assert.equal(family.remainingExceedsLimit, false, `${label}: ${id} flag`);
  }
  assert.equal(snapshot.retryAfterSeconds, expected.retryAfterSeconds, `${label}: retry-after`);
  assert.equal(snapshot.retryAfterDate, undefined, `${label}: retry-after date`);
  assert.equal(snapshot.requestId, expected.requestId, `${label}: request-id`);
  // Organization ids are all redacted in the recordings: never passed through.
  assert.equal(snapshot.organizationId, undefined, `${label}: organization id`);
  assert.equal(
    snapshot.malformed.includes('anthropic-organization-id'),
    expected.organizationRedacted === true,
  );
  assertNoNaN(snapshot);
}

function assertNoNaN(snapshot: RateLimitSnapshot): void {
  const check = (v: unknown, where: string): void => {
    if (typeof v === 'number') assert.ok(Number.isFinite(v) && v >= 0, `${where} = ${v}`);
    if (v instanceof Date) assert.ok(Number.isFinite(v.getTime()), `${where} is an invalid date`);
  };
  for (const [id, f] of Object.entries(snapshot.families)) {
    check(f?.limit, `${id}.limit`);
    check(f?.remaining, `${id}.remaining`);
    check(f?.reset, `${id}.reset`);
    assert.ok(
      f?.limit !== undefined || f?.remaining !== undefined || f?.reset !== undefined,
      `${id} is empty`,
    );
  }
  check(snapshot.retryAfterSeconds, 'retryAfterSeconds');
  check(snapshot.retryAfterMs, 'retryAfterMs');
  check(snapshot.retryAfterDate, 'retryAfterDate');
  check(snapshot.serverDate, 'serverDate');
}

describe('monitor/headers', () => {
  describe('on the 30 real recorded responses', () => {
    const records = loadRecordedResponses();

    it('has an expectation for every recording', () => {
      assert.equal(records.length, 30);
      assert.equal(EXPECTED.length, records.length);
    });

    records.forEach((record, i) => {
      const expected = EXPECTED[i] as Expected;
      const label = `#${i} ${record.status} ${record.source.split(':')[0]}`;

      it(`${label}: parses lower-case names as recorded`, () => {
        assertMatches(parseRateLimitHeaders(record.headers), expected, label);
      });

      it(`${label}: parses Title-Case, UPPER-CASE, Fetch Headers and entries the same way`, () => {
        const title = Object.fromEntries(Object.entries(record.headers).map(([k, v]) => [titleCase(k), v]));
        const upper = Object.fromEntries(
          Object.entries(record.headers).map(([k, v]) => [k.toUpperCase(), v]),
        );
        const reference = parseRateLimitHeaders(record.headers);
        assert.deepEqual(parseRateLimitHeaders(title), reference);
        assert.deepEqual(parseRateLimitHeaders(upper), reference);
        assert.deepEqual(parseRateLimitHeaders(new Headers(record.headers)), reference);
        assert.deepEqual(parseRateLimitHeaders(Object.entries(title)), reference);
      });
    });

    it('reads the server Date header', () => {
      const snapshot = parseRateLimitHeaders((records[0] as { headers: Record<string, string> }).headers);
      assert.equal(snapshot.serverDate?.toISOString(), '2026-02-17T23:44:16.000Z');
    });

    it('lists the sanitised placeholder values as malformed, without inventing numbers', () => {
      const snapshot = parseRateLimitHeaders((records[15] as { headers: Record<string, string> }).headers);
      assert.deepEqual(snapshot.families, {});
      for (const id of ['input-tokens', 'output-tokens', 'tokens'] as const) {
        for (const field of ['limit', 'remaining', 'reset']) {
          assert.ok(snapshot.malformed.includes(`${FAMILY_HEADER_PREFIX[id]}${field}`), `${id}-${field}`);
        }
      }
      assert.ok(snapshot.malformed.includes('request-id'));
      assert.equal(hasRateLimitData(snapshot), false);
    });

    it('ignores the subscription-only unified family', () => {
      const snapshot = parseRateLimitHeaders((records[28] as { headers: Record<string, string> }).headers);
      assert.deepEqual(snapshot.families, {});
      assert.deepEqual(snapshot.malformed, []);
    });
  });

  describe('hand-written cases', () => {
    it('reads every documented family, including priority and fast mode', () => {
      const headers: Record<string, string> = {};
      LIMIT_FAMILIES.forEach((id, i) => {
        headers[`${FAMILY_HEADER_PREFIX[id]}limit`] = String((i + 1) * 1000);
        headers[`${FAMILY_HEADER_PREFIX[id]}remaining`] = String(i * 1000);
        headers[`${FAMILY_HEADER_PREFIX[id]}reset`] = `2026-03-0${i + 1}T00:00:0${i}Z`;
      });
      const snapshot = parseRateLimitHeaders(headers);
      LIMIT_FAMILIES.forEach((id, i) => {
        assert.deepEqual(snapshot.families[id], {
          limit: (i + 1) * 1000,
          remaining: i * 1000,
          reset: new Date(`2026-03-0${i + 1}T00:00:0${i}Z`),
          remainingExceedsLimit: false,
        });
      });
      assert.deepEqual(snapshot.malformed, []);
    });

    it('accepts mixed-case names and surrounding whitespace', () => {
      const snapshot = parseRateLimitHeaders({
        'ANTHROPIC-RateLimit-Requests-LIMIT': ' 50 ',
        'anthropic-ratelimit-requests-Remaining': '7',
        'Retry-After': ' 12 ',
        'Request-Id': 'req_011CAbcdefGHIJ',
        'Anthropic-Workspace-Id': 'wrkspc_01AbCdEf',
        'X-Should-Retry': 'TRUE',
      });
      assert.deepEqual(snapshot.families.requests, { limit: 50, remaining: 7, remainingExceedsLimit: false });
      assert.equal(snapshot.retryAfterSeconds, 12);
      assert.equal(snapshot.requestId, 'req_011CAbcdefGHIJ');
      assert.equal(snapshot.workspaceId, 'wrkspc_01AbCdEf');
      assert.equal(snapshot.shouldRetry, true);
    });

    it('rejects negative, fractional, exponent, hex, empty and huge counts', () => {
      for (const bad of [
        '-1',
        '1.5',
        '1e3',
        '0x10',
        '',
        ' ',
        'NaN',
        'Infinity',
        '99999999999999999',
        '+5',
        '5 5',
      ]) {
        const snapshot = parseRateLimitHeaders({ 'anthropic-ratelimit-requests-remaining': bad });
        assert.equal(snapshot.families.requests, undefined, JSON.stringify(bad));
        assert.deepEqual(snapshot.malformed, ['anthropic-ratelimit-requests-remaining'], JSON.stringify(bad));
      }
      assert.equal(parseCount('007'), 7);
      assert.equal(parseCount('0'), 0);
    });

    it('keeps a family when only some of its fields are valid', () => {
      const snapshot = parseRateLimitHeaders({
        'anthropic-ratelimit-output-tokens-limit': 'ANTHROPIC-RATELIMIT-OUTPUT-TOKENS-LIMIT-XXX',
        'anthropic-ratelimit-output-tokens-remaining': '4000',
        'anthropic-ratelimit-output-tokens-reset': 'tomorrow',
      });
      assert.deepEqual(snapshot.families['output-tokens'], { remaining: 4000, remainingExceedsLimit: false });
      assert.deepEqual([...snapshot.malformed].sort(), [
        'anthropic-ratelimit-output-tokens-limit',
        'anthropic-ratelimit-output-tokens-reset',
      ]);
    });

    it('keeps remaining > limit as sent but flags it', () => {
      const snapshot = parseRateLimitHeaders({
        'anthropic-ratelimit-input-tokens-limit': '2500',
        'anthropic-ratelimit-input-tokens-remaining': '3000',
      });
      assert.deepEqual(snapshot.families['input-tokens'], {
        limit: 2500,
        remaining: 3000,
        remainingExceedsLimit: true,
      });
    });

    it('parses resets strictly as RFC 3339, with offsets and fractions, and keeps past dates', () => {
      assert.equal(parseRfc3339('2024-03-26T20:00:00Z')?.toISOString(), '2024-03-26T20:00:00.000Z');
      assert.equal(parseRfc3339('2024-03-26T21:30:00+01:30')?.toISOString(), '2024-03-26T20:00:00.000Z');
      assert.equal(parseRfc3339('2024-03-26t20:00:00.123456z')?.toISOString(), '2024-03-26T20:00:00.123Z');
      assert.equal(parseRfc3339('2024-02-29T00:00:00Z')?.toISOString(), '2024-02-29T00:00:00.000Z');
      for (const bad of [
        '2025-02-29T00:00:00Z',
        '2026-13-01T00:00:00Z',
        '2026-01-01T24:00:00Z',
        '2026-01-01T00:00:00',
        '2026-01-01',
        '1700000000',
        'Tue, 17 Feb 2026 23:44:16 GMT',
        'ANTHROPIC-RATELIMIT-TOKENS-RESET-XXX',
        '1969-12-31T23:59:59Z',
      ]) {
        assert.equal(parseRfc3339(bad), undefined, bad);
      }
      // A reset in the past is still a real measurement; the budget clamps the time left.
      const snapshot = parseRateLimitHeaders({
        'anthropic-ratelimit-requests-reset': '2001-01-01T00:00:00Z',
      });
      assert.equal(snapshot.families.requests?.reset?.toISOString(), '2001-01-01T00:00:00.000Z');
    });

    it('reads retry-after as seconds or an HTTP date, and retry-after-ms', () => {
      assert.equal(parseRateLimitHeaders({ 'retry-after': '0' }).retryAfterSeconds, 0);
      assert.equal(parseRateLimitHeaders({ 'retry-after': '1.5' }).retryAfterSeconds, 1.5);
      const dated = parseRateLimitHeaders({ 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' });
      assert.equal(dated.retryAfterSeconds, undefined);
      assert.equal(dated.retryAfterDate?.toISOString(), '2026-10-21T07:28:00.000Z');
      assert.equal(
        parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT')?.toISOString(),
        '1994-11-06T08:49:37.000Z',
      );
      assert.equal(parseHttpDate('Sun Nov  6 08:49:37 1994')?.toISOString(), '1994-11-06T08:49:37.000Z');
      assert.equal(parseHttpDate('Sun, 06 Foo 1994 08:49:37 GMT'), undefined);
      for (const bad of ['-10', 'soon', '1e3', '']) {
        const snapshot = parseRateLimitHeaders({ 'retry-after': bad });
        assert.equal(snapshot.retryAfterSeconds, undefined, bad);
        assert.equal(snapshot.retryAfterDate, undefined, bad);
        assert.deepEqual(snapshot.malformed, ['retry-after'], bad);
      }
      assert.equal(parseRateLimitHeaders({ 'retry-after-ms': '250.5' }).retryAfterMs, 250.5);
    });

    it('computes the retry-after end with the SDK precedence', () => {
      const at = Date.UTC(2026, 0, 1);
      assert.equal(retryAfterUntil(parseRateLimitHeaders({ 'retry-after': '23' }), at), at + 23_000);
      assert.equal(
        retryAfterUntil(parseRateLimitHeaders({ 'retry-after': '23', 'retry-after-ms': '1500' }), at),
        at + 1500,
      );
      // A zero retry-after-ms is ignored, as in the SDKs.
      assert.equal(
        retryAfterUntil(parseRateLimitHeaders({ 'retry-after': '23', 'retry-after-ms': '0' }), at),
        at + 23_000,
      );
      assert.equal(
        retryAfterUntil(parseRateLimitHeaders({ 'retry-after': 'Thu, 01 Jan 2026 00:01:00 GMT' }), at),
        at + 60_000,
      );
      assert.equal(retryAfterUntil(parseRateLimitHeaders({}), at), undefined);
    });

    it('drops placeholder ids and keeps real-looking ones', () => {
      for (const bad of ['<REQUEST_ID>', 'REQUEST-ID-XXX', 'req_', 'req_with space', '']) {
        assert.equal(parseRateLimitHeaders({ 'request-id': bad }).requestId, undefined, bad);
      }
      for (const bad of ['<redacted>', 'REDACTED', 'ORG-ID-XXX', 'x']) {
        assert.equal(
          parseRateLimitHeaders({ 'anthropic-organization-id': bad }).organizationId,
          undefined,
          bad,
        );
      }
      assert.equal(
        parseRateLimitHeaders({ 'anthropic-organization-id': '5a1b7c3e-0d2f-4e6a-9b8c-7d6e5f4a3b2c' })
          .organizationId,
        '5a1b7c3e-0d2f-4e6a-9b8c-7d6e5f4a3b2c',
      );
      assert.equal(parseRateLimitHeaders({ 'anthropic-workspace-id': 'default' }).workspaceId, undefined);
    });

    it('accepts Node IncomingHttpHeaders arrays only when the values agree', () => {
      const agree = parseRateLimitHeaders({ 'anthropic-ratelimit-requests-limit': ['50', '50'] });
      assert.equal(agree.families.requests?.limit, 50);
      const disagree = parseRateLimitHeaders({ 'anthropic-ratelimit-requests-limit': ['50', '60'] });
      assert.equal(disagree.families.requests, undefined);
      assert.deepEqual(disagree.malformed, ['anthropic-ratelimit-requests-limit']);
      // Fetch Headers joins duplicates with ", ".
      const headers = new Headers();
      headers.append('anthropic-ratelimit-requests-limit', '50');
      headers.append('Anthropic-Ratelimit-Requests-Limit', '50');
      assert.equal(parseRateLimitHeaders(headers).families.requests?.limit, 50);
      // Duplicates in entries in different case also count as one header.
      assert.equal(
        parseRateLimitHeaders([
          ['anthropic-ratelimit-requests-limit', '50'],
          ['ANTHROPIC-RATELIMIT-REQUESTS-LIMIT', '40'],
        ]).families.requests,
        undefined,
      );
    });

    it('survives null, undefined, numbers in records and hostile objects', () => {
      assert.deepEqual(parseRateLimitHeaders(undefined), { families: {}, malformed: [] });
      assert.deepEqual(parseRateLimitHeaders(null), { families: {}, malformed: [] });
      assert.equal(
        parseRateLimitHeaders({ 'anthropic-ratelimit-requests-limit': 50 }).families.requests?.limit,
        50,
      );
      const hostile = {
        get: () => {
          throw new Error('boom');
        },
        forEach: () => {
          throw new Error('boom');
        },
      };
      assert.deepEqual(parseRateLimitHeaders(hostile), { families: {}, malformed: [] });
      assert.equal(normalizeHeaders([['only-one'] as unknown as [string, string]]).size, 0);
    });
  });

  describe('fuzzing (fast-check)', () => {
    const names = [
      ...LIMIT_FAMILIES.flatMap((id) =>
        ['limit', 'remaining', 'reset'].map((f) => FAMILY_HEADER_PREFIX[id] + f),
      ),
      'retry-after',
      'retry-after-ms',
      'request-id',
      'anthropic-organization-id',
      'anthropic-workspace-id',
      'x-should-retry',
      'date',
      'anthropic-ratelimit-unified-status',
    ];
    const caseVariant = (name: string): fc.Arbitrary<string> =>
      fc.constantFrom(name, name.toUpperCase(), titleCase(name), name.replace(/a/g, 'A'));
    const value = fc.oneof(
      fc.string(),
      fc.integer().map(String),
      fc.double().map(String),
      fc
        .date({ noInvalidDate: false })
        .map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())),
      fc.date().map((d) => d.toUTCString()),
      fc.constantFrom(
        '',
        '-0',
        'NaN',
        '1e309',
        '<REQUEST_ID>',
        '9007199254740993',
        '2026-02-30T00:00:00Z',
        '٣',
      ),
    );
    const headerSet = fc.array(fc.tuple(fc.constantFrom(...names).chain(caseVariant), value), {
      maxLength: 40,
    });

    it('never throws and never yields NaN, invalid dates or empty families', () => {
      fc.assert(
        fc.property(headerSet, (entries) => {
          const snapshot = parseRateLimitHeaders(entries);
          assertNoNaN(snapshot);
          for (const family of Object.values(snapshot.families)) {
            if (family?.limit !== undefined) assert.ok(Number.isSafeInteger(family.limit));
            if (family?.remaining !== undefined) assert.ok(Number.isSafeInteger(family.remaining));
          }
        }),
        { numRuns: 2000 },
      );
    });

    it('gives the same snapshot whatever the input shape', () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.tuple(fc.constantFrom(...names), value), { selector: ([n]) => n }),
          (entries) => {
            const cleaned = entries.filter(
              ([, v]) => !/[\r\n\0]/.test(v) && v === v.trim() && /^[\x20-\x7e]*$/.test(v),
            );
            const record = Object.fromEntries(cleaned);
            const reference = parseRateLimitHeaders(record);
            assert.deepEqual(parseRateLimitHeaders(cleaned), reference);
            assert.deepEqual(parseRateLimitHeaders(new Map(cleaned)), reference);
            assert.deepEqual(parseRateLimitHeaders(new Headers(cleaned)), reference);
          },
        ),
        { numRuns: 500 },
      );
    });

    it('round-trips any valid family', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...LIMIT_FAMILIES),
          fc.nat({ max: 1e12 }),
          fc.nat({ max: 1e12 }),
          fc.date({
            min: new Date('1970-01-01T00:00:00Z'),
            max: new Date('9999-12-31T23:59:59Z'),
            noInvalidDate: true,
          }),
          (id, limit, remaining, reset) => {
            const whole = new Date(Math.floor(reset.getTime() / 1000) * 1000);
            const iso = whole.toISOString().replace('.000Z', 'Z');
            const p = FAMILY_HEADER_PREFIX[id];
            const snapshot = parseRateLimitHeaders({
              [`${p}limit`]: String(limit),
              [`${p}remaining`]: String(remaining),
              [`${p}reset`]: iso,
            });
            assert.deepEqual(snapshot.families[id], {
              limit,
              remaining,
              reset: whole,
              remainingExceedsLimit: remaining > limit,
            });
          },
        ),
        { numRuns: 500 },
      );
    });
  });
});
