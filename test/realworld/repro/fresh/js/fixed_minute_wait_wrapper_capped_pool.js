// realworld repro (positive + negative): naive-retry, batchable-fanout and unbounded-fanout -- an
// offline translation script: a wrapper loop re-runs a local function that calls create and writes
// the page to disk, waiting a fixed 60 s after a 429 (2^n * 2 s after a 5xx), never retry-after; the
// tasks run through a pool capped at CONCURRENCY (1), which races and then awaits what it started
// source: DangerousYams/talking-to-machines scripts/translate.mjs:283
// source: DangerousYams/talking-to-machines scripts/translate.mjs:240
// source: DangerousYams/talking-to-machines scripts/translate.mjs:340
// source: DangerousYams/talking-to-machines scripts/translate.mjs:343
import Anthropic from '@anthropic-ai/sdk';
import { readFileSync, writeFileSync, mkdirSync } from 'fs';
import path from 'path';

const client = new Anthropic();
const LOCALES = ['de', 'fr', 'ja', 'es', 'pt', 'ko'];
const PAGES = ['intro', 'install', 'setup', 'usage', 'config', 'recipes', 'errors', 'faq', 'glossary'];
const CONCURRENCY = 1;
const TRIES = 3;

async function translatePage(page, locale) {
  const source = readFileSync(path.join('pages', `${page}.md`), 'utf8');
  const reply = await client.messages.create({ // expect: batchable-fanout
    model: 'claude-sonnet-4-5',
    max_tokens: 10000,
    system: `Translate Markdown pages into the language with code ${locale}. Keep code blocks unchanged.`,
    messages: [{ role: 'user', content: source }],
  });
  mkdirSync(path.join('pages', locale), { recursive: true });
  writeFileSync(path.join('pages', locale, `${page}.md`), reply.content[0].text, 'utf8');
  return { page, locale, status: 'done' };
}

async function translateWithRetries(page, locale) {
  for (let attempt = 1; attempt <= TRIES; attempt++) { // expect: naive-retry
    try {
      return await translatePage(page, locale);
    } catch (err) {
      const limited = err?.status === 429;
      const transient = limited || err?.status === 529 || err?.status >= 500;
      if (transient && attempt < TRIES) {
        const wait = limited ? 60000 : 2 ** attempt * 2000;
        await new Promise((r) => setTimeout(r, wait));
        continue;
      }
      return { page, locale, status: 'failed', error: String(err?.message ?? err) };
    }
  }
}

async function runCapped(jobs, limit) {
  const results = [];
  const running = new Set();
  for (const job of jobs) {
    const p = job().then((r) => {
      running.delete(p);
      return r;
    });
    running.add(p);
    results.push(p);
    if (running.size >= limit) {
      await Promise.race(running); // expect-not: unbounded-fanout
    }
  }
  return Promise.all(results); // expect-not: unbounded-fanout
}

async function main() {
  const jobs = [];
  for (const locale of LOCALES) {
    for (const page of PAGES) {
      jobs.push(() => translateWithRetries(page, locale));
    }
  }
  const results = await runCapped(jobs, CONCURRENCY);
  console.log(results.filter((r) => r.status === 'failed'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
