// realworld repro (negative): unbounded-fanout and batchable-fanout look-alikes -- a pipeline service samples
// up to a dozen frames of one video and maps them into image blocks of a single Haiku request
// source: Glitchfeed/Shorts-pipeline- services/claude.js:14
// source: Glitchfeed/Shorts-pipeline- services/claude.js:18
// source: Glitchfeed/Shorts-pipeline- services/claude.js:6
const fs = require('fs');
const path = require('path');
const Anthropic = require('@anthropic-ai/sdk');

const claude = new Anthropic({ apiKey: process.env.CLAUDE_KEY }); // expect-not: hardcoded-api-key

async function describeCast(frameDir) {
  const frames = fs.readdirSync(frameDir).filter((f) => f.endsWith('.jpg')).sort().slice(0, 12);
  const blocks = frames.map((f) => ({ // expect-not: unbounded-fanout, batchable-fanout
    type: 'image',
    source: { type: 'base64', media_type: 'image/jpeg', data: fs.readFileSync(path.join(frameDir, f)).toString('base64') },
  }));
  const reply = await claude.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt
    model: 'claude-haiku-4-5',
    max_tokens: 1500,
    messages: [{ role: 'user', content: [...blocks, { type: 'text', text: 'List the people you see as JSON.' }] }],
  });
  return JSON.parse(reply.content[0].text);
}

module.exports = { describeCast };
