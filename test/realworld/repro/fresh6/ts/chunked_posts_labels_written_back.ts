// realworld repro (positive + negative): batchable-fanout -- an offline script labels a JSON file of
// notes forty at a time, one Sonnet create per chunk, pausing a second between chunks, and writes
// the labels back to the file; the chunk loop retries nothing
// source: nickjwells/worklog scripts/categorize.ts:58
// source: nickjwells/worklog scripts/categorize.ts:102
import Anthropic from '@anthropic-ai/sdk';
import { readFileSync, writeFileSync } from 'fs';

interface Note {
  id: string;
  body: string;
  kind?: string;
}

const FILE = 'data/notes.json';
const CHUNK = 40;
const claude = new Anthropic();

async function labelChunk(notes: Note[]): Promise<string[]> {
  const listing = notes.map((n, i) => `(${i}) ${n.body}`).join('\n');
  const reply = await claude.messages.create({ // expect: batchable-fanout
    model: 'claude-sonnet-4-5',
    max_tokens: 4000,
    messages: [
      {
        role: 'user',
        content: `Label each note "done" or "idea". Answer with a JSON array of ${notes.length} strings.\n\n${listing}`,
      },
    ],
  });
  const first = reply.content[0];
  const text = first && first.type === 'text' ? first.text : '[]';
  const found = text.match(/\[[\s\S]*\]/);
  return found ? (JSON.parse(found[0]) as string[]) : notes.map(() => 'done');
}

async function run(): Promise<void> {
  const notes: Note[] = JSON.parse(readFileSync(FILE, 'utf8'));
  for (let start = 0; start < notes.length; start += CHUNK) { // expect-not: naive-retry
    const part = notes.slice(start, start + CHUNK);
    const kinds = await labelChunk(part);
    part.forEach((n, i) => (n.kind = kinds[i] ?? 'done'));
    await new Promise((r) => setTimeout(r, 1000));
  }
  writeFileSync(FILE, JSON.stringify(notes, null, 2));
}

run().catch(console.error);
