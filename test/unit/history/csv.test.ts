import * as assert from 'node:assert/strict';
import { CSV_COLUMNS, History, csvField, neutralizeFormula } from '../../../src/core/history';
import { priceFor } from '../../../src/core/pricing';
import { MODEL, T0, networkError, response } from './helpers';

/** A small RFC 4180 reader, to check the writer's output parses back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  assert.equal(field + row.join(''), '', 'the text ends with a line break');
  return rows;
}

describe('history/csv', () => {
  it('writes a header and one row per sample, in time order, with ISO timestamps', () => {
    const history = new History();
    history.record(
      response({
        at: T0 + 1000,
        latencyMs: 250.25,
        requests: [50, 49],
        input: [50_000, 49_000],
        resetInSeconds: 3,
        usage: { inputTokens: 11, outputTokens: 2 },
      }),
    );
    history.record(response({ at: T0, model: 'claude-sonnet-4-5', status: 429, source: 'observed' }));
    history.record(networkError(T0 + 2000, true));
    const csv = history.toCsv();
    assert.ok(csv.endsWith('\r\n'));
    // The header as users' spreadsheets and scripts read it: written out, not the code's constant.
    assert.equal(
      csv.split('\r\n')[0],
      'time,model,source,status,outcome,latency_ms,input_tokens,output_tokens,' +
        'requests_limit,requests_remaining,requests_reset,' +
        'input_tokens_limit,input_tokens_remaining,input_tokens_reset,' +
        'output_tokens_limit,output_tokens_remaining,output_tokens_reset,' +
        'tokens_limit,tokens_remaining,tokens_reset,' +
        'cache_write_tokens,cache_read_tokens,cost_usd',
    );
    const rows = parseCsv(csv);
    assert.deepEqual(rows[0], [...CSV_COLUMNS]);
    assert.equal(rows.length, 4);
    for (const row of rows) assert.equal(row.length, CSV_COLUMNS.length);
    const byColumn = (row: string[]) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, row[i]]));
    assert.deepEqual(byColumn(rows[1]!), {
      ...byColumn(rows[1]!.map(() => '')),
      time: '2026-03-01T12:00:00.000Z',
      model: 'claude-sonnet-4-5',
      source: 'observed',
      status: '429',
      outcome: 'rate-limited',
    });
    const ok = byColumn(rows[2]!);
    assert.equal(ok.time, '2026-03-01T12:00:01.000Z');
    assert.equal(ok.model, MODEL);
    assert.equal(ok.status, '200');
    assert.equal(ok.outcome, 'ok');
    assert.equal(ok.latency_ms, '250.25');
    assert.equal(ok.input_tokens, '11');
    assert.equal(ok.output_tokens, '2');
    assert.equal(ok.requests_limit, '50');
    assert.equal(ok.requests_remaining, '49');
    assert.equal(ok.requests_reset, '2026-03-01T12:00:04.000Z');
    assert.equal(ok.input_tokens_remaining, '49000');
    assert.equal(ok.output_tokens_limit, '');
    // Priced at the bundled table: 11 in and 2 out.
    const price = priceFor(MODEL)!.price;
    assert.equal(ok.cost_usd, ((11 * price.input + 2 * price.output) / 1e6).toFixed(8));
    assert.equal(ok.cache_read_tokens, '');
    const timeout = byColumn(rows[3]!);
    assert.equal(timeout.status, '');
    assert.equal(timeout.outcome, 'timeout');
  });

  it('can export one model only', () => {
    const history = new History();
    history.record(response({ model: 'a' }));
    history.record(response({ model: 'b' }));
    assert.equal(parseCsv(history.toCsv('a')).length, 2);
    assert.equal(parseCsv(new History().toCsv()).length, 1, 'header only when empty');
  });

  it('quotes fields per RFC 4180 and defuses spreadsheet formulas in model ids', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('line\nbreak'), '"line\nbreak"');
    assert.equal(neutralizeFormula('=HYPERLINK("x")'), `'=HYPERLINK("x")`);
    assert.equal(neutralizeFormula('-1+2'), `'-1+2`);
    assert.equal(neutralizeFormula('claude'), 'claude');
    const history = new History();
    history.record(response({ model: '=cmd|"/c calc"!A1,x' }));
    const rows = parseCsv(history.toCsv());
    assert.equal(rows[1]?.[1], `'=cmd|"/c calc"!A1,x`);
  });
});
