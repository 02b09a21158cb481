// realworld repro (negative): naive-retry and unbounded-fanout -- a loop over books calls a helper that
// sends one create; its catch re-throws credit and rate-limit errors (an imported predicate decides)
// and records a marker for the others, so nothing is re-sent; a Promise.all over the returned keywords
// writes to the database and makes no Claude call
// source: kenta-yos/reading-note-app src/lib/keyword-extractor.ts:73
// source: kenta-yos/reading-note-app src/lib/keyword-extractor.ts:82
import Anthropic from '@anthropic-ai/sdk';
import { db } from './db';
import { isQuotaOrLimit } from './errors';

async function keywordsFor(title: string): Promise<string[]> {
  const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
  const reply = await client.messages.create({
    model: 'claude-haiku-4-5',
    max_tokens: 200,
    messages: [{ role: 'user', content: `Up to five concepts the book "${title}" is about, as a JSON array.` }],
  });
  const text = reply.content[0].type === 'text' ? reply.content[0].text : '[]';
  return JSON.parse(text.match(/\[[\s\S]*?\]/)?.[0] ?? '[]');
}

export async function storeKeywords(books: Array<{ id: string; title: string }>) {
  let anyError = false;
  for (const book of books) { // expect-not: naive-retry
    try {
      const words = await keywordsFor(book.title);
      await Promise.all(words.map((word) => db.keyword.upsert({ bookId: book.id, word }))); // expect-not: unbounded-fanout
    } catch (e) {
      if (isQuotaOrLimit(e)) throw e;
      anyError = true;
      await db.keyword.upsert({ bookId: book.id, word: '__error__' });
    }
  }
  return { anyError };
}
