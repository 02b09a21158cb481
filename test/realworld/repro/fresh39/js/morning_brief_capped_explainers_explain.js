// realworld repro (negative): the module imported by morning_brief_capped_explainers.js -- one Sonnet create per
// story with thinking disabled and a tier-sized max_tokens; every error is caught and answered with null, so
// nothing is re-sent (the fan-out over it, a capped handful, is marked in the importing file)
// source: mstng47/laucnhradar scripts/summarize.mjs:400
import Anthropic from '@anthropic-ai/sdk';

const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key

export async function explainStory(story, readerNotes) {
  try {
    const budget = story.length === 'long' ? 1500 : 700;
    const reply = await claude.messages.create({ // expect-not: naive-retry, missing-max-tokens, nonstreaming-max-tokens
      model: 'claude-sonnet-4-5',
      max_tokens: budget,
      thinking: { type: 'disabled' },
      system: `Explain one news story in your own words for this reader: ${readerNotes}`,
      messages: [{ role: 'user', content: `${story.headline}\n${story.summary}` }],
    });
    if (reply.stop_reason === 'max_tokens') return null;
    return reply.content.map((b) => (b.type === 'text' ? b.text : '')).join('').trim();
  } catch (err) {
    console.warn(`explainer failed for ${story.url}: ${err.message}`);
    return null;
  }
}
