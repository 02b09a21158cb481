// realworld repro (negative): unbounded-fanout -- a daily brief module asks Sonnet once for the whole list of
// candidate stories (a run-time system prompt, 8,000 tokens, a truncated reply rejected by stop_reason), caps the
// sections it gets back at five, three and two items, then runs a Promise.all over that capped handful in which
// only the top items call an explainer imported from a sibling module, beside a literal pair of calls per item;
// the results go back to the caller (the source stores them; that batchable site is ignore and not reproduced)
// source: mstng47/laucnhradar scripts/summarize.mjs:400
// source: mstng47/laucnhradar scripts/summarize.mjs:405
// source: mstng47/laucnhradar scripts/summarize.mjs:269
// source: mstng47/laucnhradar scripts/summarize.mjs:281
// source: mstng47/laucnhradar scripts/summarize.mjs:18
import Anthropic from '@anthropic-ai/sdk';
import { explainStory } from './morning_brief_capped_explainers_explain.js';

const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key
const LIMITS = { top: 5, quick: 3, later: 2 };

function keepFirst(list, max) {
  return list.length <= max ? list : list.slice(0, max);
}

async function pickStories(candidates, readerNotes) {
  const reply = await claude.messages.create({ // expect-not: batchable-fanout, naive-retry, missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt
    model: 'claude-sonnet-4-5',
    max_tokens: 8000,
    system: `Choose today's stories for this reader and answer in JSON with "top", "quick" and "later" lists.\n\nReader: ${readerNotes}`,
    messages: [{ role: 'user', content: JSON.stringify(candidates) }],
  });
  if (reply.stop_reason === 'max_tokens') { // expect-not: string-matched-error
    throw new Error('the selection was cut off; raise max_tokens');
  }
  const picked = JSON.parse(reply.content.map((b) => (b.type === 'text' ? b.text : '')).join(''));
  return [
    ...keepFirst(picked.top ?? [], LIMITS.top).map((s) => ({ ...s, tier: 'top' })),
    ...keepFirst(picked.quick ?? [], LIMITS.quick).map((s) => ({ ...s, tier: 'quick' })),
    ...keepFirst(picked.later ?? [], LIMITS.later).map((s) => ({ ...s, tier: 'later' })),
  ];
}

async function wordCount(url) {
  const page = await (await fetch(url)).text();
  return page.split(/\s+/).length;
}

export async function buildBrief(candidates, readerNotes) {
  const stories = await pickStories(candidates, readerNotes);
  return Promise.all( // expect-not: unbounded-fanout
    stories.map(async (story) => {
      if (story.tier !== 'top') return { ...story, words: null, explainer: null };
      const [words, explainer] = await Promise.all([ // expect-not: unbounded-fanout
        wordCount(story.url),
        explainStory(story, readerNotes),
      ]);
      return { ...story, words, explainer };
    }),
  );
}
