// realworld repro (negative): uncached-prompt and model-routing -- a job-search backend writes a cover
// letter with the applicant's profile in a system block already marked cache_control, picks a resume
// variant with Haiku, and drafts a short cold email on Sonnet with 300 tokens once per user request
// source: everettsteele/snag-jobs src/services/anthropic.js:136
// source: everettsteele/snag-jobs src/services/anthropic.js:112
// source: everettsteele/snag-jobs src/services/anthropic.js:166
const Anthropic = require('@anthropic-ai/sdk');

let shared = null;
function client() {
  if (!shared) shared = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
  return shared;
}

function profileBlock(profile) {
  return `You write cover letters for ${profile.name}. Background:\n${profile.background}\nTone: plain, specific, no cliches.`;
}

async function pickVariant(posting, slugs) {
  try {
    const res = await client().messages.create({ // expect-not: model-routing
      model: 'claude-haiku-4-5-20251001',
      max_tokens: 16,
      messages: [{ role: 'user', content: `Which of ${slugs.join(', ')} fits this posting best? One word.\n${posting.slice(0, 2000)}` }],
    });
    return res.content[0].text.trim();
  } catch (err) {
    console.error('[pickVariant]', err.message);
    return slugs[0];
  }
}

async function writeCoverLetter(job, posting, profile) {
  const res = await client().messages.create({ // expect-not: uncached-prompt
    model: 'claude-sonnet-4-6',
    max_tokens: 800,
    system: [{ type: 'text', text: profileBlock(profile), cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: `ROLE: ${job.title} at ${job.company}\n\n${posting.slice(0, 3000)}\n\nWrite the letter.` }],
  });
  return res.content[0].text;
}

async function coldEmail({ name, company, context }) {
  const res = await client().messages.create({ // expect-not: model-routing
    model: 'claude-sonnet-4-6',
    max_tokens: 300,
    messages: [{ role: 'user', content: `Write a cold email under 90 words to ${name} at ${company}. Sender: ${context}` }],
  });
  return res.content[0].text;
}

module.exports = { pickVariant, writeCoverLetter, coldEmail };
