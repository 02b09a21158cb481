// realworld repro (negative): hardcoded-api-key -- a script prints setup instructions with a placeholder
// key ("sk-ant-api03-" followed by words, far too short for a real key) when the variable is missing
// source: KevinLetsTruck/nutrition-lab-system scripts/test-claude-analysis.js:14
import { Anthropic } from '@anthropic-ai/sdk';

if (!process.env.ANTHROPIC_API_KEY) {
  console.error('ANTHROPIC_API_KEY is not set.');
  console.log('Add this line to .env.local:');
  console.log('  ANTHROPIC_API_KEY="sk-ant-api03-paste-your-own-key-here"'); // expect-not: hardcoded-api-key
  process.exit(1);
}

const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });

async function tryIt() {
  try {
    const reply = await anthropic.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 2000,
      messages: [{ role: 'user', content: 'Summarise a sample intake form for a nutrition coach as JSON.' }],
    });
    console.log(reply.content[0].text);
  } catch (error) {
    console.error('failed:', error.message);
  }
}

tryIt();
