// realworld repro (negative): unbounded-fanout -- Promise.race of one messages.create and a timeout timer
// source: timcoe429/roofing-proposal-app server/src/services/openaiService.js:185
import Anthropic from '@anthropic-ai/sdk';

const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
const LIMIT_MS = 45000;

export async function describePhoto(base64, question) {
  const reply = await Promise.race([ // expect-not: unbounded-fanout
    claude.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 1500,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: base64 } },
            { type: 'text', text: question },
          ],
        },
      ],
    }),
    new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), LIMIT_MS)),
  ]);
  return reply.content[0].text;
}
