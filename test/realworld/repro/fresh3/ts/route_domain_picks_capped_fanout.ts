// realworld repro (negative): unbounded-fanout and model-routing -- a route first asks Sonnet (512
// tokens) which shelves a book belongs to, keeps at most three picks, then runs one tag call per pick
// at once; two prompt files are loaded together beforehand
// source: GonzoDuke/skinsbury-library app/api/infer-tags/route.ts:442
// source: GonzoDuke/skinsbury-library app/api/infer-tags/route.ts:389
// source: GonzoDuke/skinsbury-library app/api/infer-tags/route.ts:399
import { NextRequest, NextResponse } from 'next/server';
import Anthropic from '@anthropic-ai/sdk';
import { promises as fs } from 'fs';

const MAX_PICKS = 3;

function topPicks(raw: unknown): string[] {
  const out: string[] = [];
  if (raw && typeof raw === 'object' && Array.isArray((raw as { shelves?: unknown }).shelves)) {
    for (const s of (raw as { shelves: unknown[] }).shelves) {
      if (typeof s === 'string') out.push(s);
      if (out.length >= MAX_PICKS) break;
    }
  }
  return out;
}

async function tagsFor(client: Anthropic, title: string, shelf: string, system: string): Promise<string[]> {
  const resp = await client.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 1024,
    system: `${system}\nShelf: ${shelf}`,
    messages: [{ role: 'user', content: title }],
  });
  const block = resp.content.find((b) => b.type === 'text');
  return block && block.type === 'text' ? JSON.parse(block.text).tags ?? [] : [];
}

export async function POST(req: NextRequest) {
  const { title } = (await req.json()) as { title: string };
  const client = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
  const [shelfPrompt, tagPrompt] = await Promise.all([ // expect-not: unbounded-fanout
    fs.readFile('prompts/shelves.md', 'utf8'),
    fs.readFile('prompts/tags.md', 'utf8'),
  ]);
  const first = await client.messages.create({ // expect-not: model-routing
    model: 'claude-sonnet-4-5',
    max_tokens: 512,
    system: shelfPrompt,
    messages: [{ role: 'user', content: title }],
  });
  const block = first.content.find((b) => b.type === 'text');
  const picks = topPicks(block && block.type === 'text' ? JSON.parse(block.text) : null);
  const tagLists = await Promise.all( // expect-not: unbounded-fanout
    picks.map((shelf) => tagsFor(client, title, shelf, tagPrompt).catch(() => [])),
  );
  return NextResponse.json({ picks, tags: [...new Set(tagLists.flat())] });
}
