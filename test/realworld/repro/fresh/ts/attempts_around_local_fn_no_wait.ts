// realworld repro (positive + negative): naive-retry and unbounded-fanout -- a for-attempt loop calls a
// local function that sends one create and starts the next attempt at once when it throws (429s
// included), no wait at all; the batch helper processes documents in slices of a parameter (default 3)
// source: samrosenbaum/v0-cracker lib/handwriting-recognition.ts:156
// source: samrosenbaum/v0-cracker lib/handwriting-recognition.ts:1301
import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY || '' });

interface Reading {
  text: string;
  confidence: number;
}

async function readImage(image: Buffer): Promise<Reading> {
  const reply = await anthropic.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 4000,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: image.toString('base64') } },
          { type: 'text', text: 'Transcribe the handwriting. Reply as JSON {"text": string, "confidence": number}.' },
        ],
      },
    ],
  });
  const first = reply.content[0];
  return JSON.parse(first.type === 'text' ? first.text : '{"text":"","confidence":0}');
}

export async function transcribe(image: Buffer, tries = 2): Promise<Reading | null> {
  let best: Reading | null = null;
  for (let attempt = 1; attempt <= tries; attempt++) { // expect: naive-retry
    try {
      best = await readImage(image);
      if (best.confidence > 0.5) break;
    } catch (error: any) {
      console.warn(`attempt ${attempt} failed: ${error.message}`);
    }
  }
  return best;
}

export async function transcribeAll(images: Buffer[], perRound = 3): Promise<Array<Reading | null>> {
  const out: Array<Reading | null> = [];
  for (let i = 0; i < images.length; i += perRound) {
    const round = images.slice(i, i + perRound);
    const results = await Promise.all( // expect-not: unbounded-fanout
      round.map(async (img) => {
        try {
          return await transcribe(img);
        } catch {
          return null;
        }
      }),
    );
    out.push(...results);
  }
  return out;
}
