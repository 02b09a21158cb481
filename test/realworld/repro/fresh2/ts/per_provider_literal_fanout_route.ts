// realworld repro (negative): unbounded-fanout and missing-max-tokens -- a route asks three providers
// (Claude, an OpenAI model, another vendor over fetch) about the same document at once: a literal
// three-item Promise.all, one request each
// source: AiStyl/DealScope src/app/api/analyze-multi/route.ts:321
// source: AiStyl/DealScope src/app/api/analyze-multi/route.ts:135
import { NextRequest, NextResponse } from 'next/server';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';

const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });

async function viaClaude(text: string) {
  const res = await claude.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 3000,
    system: 'List the contract risks you find as JSON.',
    messages: [{ role: 'user', content: text }],
  });
  return res.content[0].type === 'text' ? res.content[0].text : '';
}

async function viaOpenAI(text: string) {
  const res = await openai.chat.completions.create({ // expect-not: missing-max-tokens
    model: 'gpt-4o',
    messages: [{ role: 'user', content: `List the contract risks you find as JSON.\n\n${text}` }],
    max_tokens: 3000,
  });
  return res.choices[0]?.message?.content ?? '';
}

async function viaThird(text: string) {
  const res = await fetch('https://example.invalid/v1/generate', { method: 'POST', body: JSON.stringify({ text }) });
  return res.text();
}

export async function POST(req: NextRequest) {
  const { text } = await req.json();
  const doc = String(text).slice(0, 40000);
  const [a, b, c] = await Promise.all([viaClaude(doc), viaOpenAI(doc), viaThird(doc)]); // expect-not: unbounded-fanout
  return NextResponse.json({ claude: a, openai: b, other: c });
}
