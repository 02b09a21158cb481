// realworld repro (negative): unbounded-fanout -- an Express handler asks four providers (one of
// them Claude) the same prompt at once: a literal Promise.all of four calls, one per provider
// source: adii4040/JudgeLM src/controllers/evaluationController.js:22
import Anthropic from '@anthropic-ai/sdk';
import { askGemini, askGroq, askOpenAI } from './otherProviders.js';

const claude = new Anthropic();

async function askClaude(prompt) {
  try {
    const msg = await claude.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 1024,
      messages: [{ role: 'user', content: prompt }],
    });
    return msg.content[0].text;
  } catch (err) {
    console.error(err);
    return 'Claude could not answer.';
  }
}

export async function compareModels(req, res) {
  const { prompt } = req.body;
  if (!prompt) return res.status(400).json({ error: 'prompt is required' });
  const [gemini, anthropic, groq, openai] = await Promise.all([ // expect-not: unbounded-fanout
    askGemini(prompt),
    askClaude(prompt),
    askGroq(prompt),
    askOpenAI(prompt),
  ]);
  return res.status(201).json({ gemini, anthropic, groq, openai });
}
