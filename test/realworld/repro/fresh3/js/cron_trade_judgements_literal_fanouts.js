// realworld repro (negative): unbounded-fanout and batchable-fanout -- a cron route gathers two broker
// look-ups and three per-symbol data look-ups with literal Promise.all calls (no Claude in them), then
// asks Sonnet once per candidate; each verdict places an order at once and changes what the next
// candidate sees, so the calls cannot wait for a batch
// source: BadBadBatz/quant-agent app/api/cron/market-open/route.js:196
// source: BadBadBatz/quant-agent app/api/cron/market-open/route.js:325
// source: BadBadBatz/quant-agent app/api/cron/market-open/route.js:159
import { NextResponse } from 'next/server';
import Anthropic from '@anthropic-ai/sdk';
import { getBalance, getHoldings, getQuotes, getHeadlines, getPastCalls, placeOrder } from '@/lib/broker';

const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
const WATCHLIST = ['AAA', 'BBB', 'CCC', 'DDD', 'EEE', 'FFF'];

async function verdict(symbol, quotes, headlines, past, slotsLeft) {
  const r = await claude.messages.create({ // expect-not: batchable-fanout
    model: 'claude-sonnet-4-5',
    max_tokens: 600,
    messages: [{ role: 'user', content: `Symbol ${symbol}. Quotes ${JSON.stringify(quotes)}. News: ${headlines.join('; ')}. Past: ${past.length}. Open slots: ${slotsLeft}. Reply JSON {"action":"buy"|"pass","size":n}.` }],
  });
  return JSON.parse(r.content[0].text);
}

export async function GET() {
  const [balance, holdings] = await Promise.all([getBalance(), getHoldings()]); // expect-not: unbounded-fanout
  let slots = Math.max(0, 5 - holdings.length);
  const bought = [];
  for (const symbol of WATCHLIST) {
    if (slots === 0) break;
    try {
      const [quotes, headlines, past] = await Promise.all([ // expect-not: unbounded-fanout
        getQuotes(symbol),
        getHeadlines(symbol),
        getPastCalls(symbol),
      ]);
      const v = await verdict(symbol, quotes, headlines, past, slots);
      if (v.action === 'buy' && v.size <= balance.cash) {
        await placeOrder(symbol, v.size);
        bought.push(symbol);
        slots--;
      }
    } catch (err) {
      console.error(symbol, err.message);
    }
  }
  return NextResponse.json({ bought });
}
