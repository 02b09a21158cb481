// realworld repro (negative): unbounded-fanout and model-routing -- a service classifies at most eight
// articles per rival at once (Haiku, max_tokens 50, only when a regex finds nothing), and walks the
// rivals three at a time with a pause between groups
// source: mitesh699/ic-news-extended src/backend/services/competitors.ts:70
// source: mitesh699/ic-news-extended src/backend/services/competitors.ts:165
// source: mitesh699/ic-news-extended src/backend/services/competitors.ts:123
import Anthropic from '@anthropic-ai/sdk';

const claude = new Anthropic();
const KINDS = ['funding', 'hiring', 'product', 'legal'];

function byRegex(title: string): string | null {
  if (/\b(raise[sd]?|funding|seed)\b/i.test(title)) return 'funding';
  if (/\b(hiring|layoffs?)\b/i.test(title)) return 'hiring';
  return null;
}

async function byModel(title: string): Promise<string | null> {
  try {
    const r = await claude.messages.create({ // expect-not: model-routing
      model: 'claude-haiku-4-5',
      max_tokens: 50,
      messages: [{ role: 'user', content: `One word from ${KINDS.join(', ')} or none: ${title}` }],
    });
    const word = r.content[0].type === 'text' ? r.content[0].text.trim().toLowerCase() : '';
    return KINDS.includes(word) ? word : null;
  } catch {
    return null;
  }
}

async function kindOf(title: string): Promise<string | null> {
  return byRegex(title) ?? (await byModel(title));
}

export async function signalsFor(titles: string[]): Promise<Array<string | null>> {
  const first = titles.slice(0, 8);
  return Promise.all(first.map((t) => kindOf(t))); // expect-not: unbounded-fanout
}

export async function allRivals(rivals: Array<{ id: string; titles: string[] }>) {
  const out: Record<string, Array<string | null>> = {};
  for (let i = 0; i < rivals.length; i += 3) {
    const group = rivals.slice(i, i + 3);
    const done = await Promise.allSettled(group.map((r) => signalsFor(r.titles))); // expect-not: unbounded-fanout
    done.forEach((d, j) => {
      if (d.status === 'fulfilled') out[group[j].id] = d.value;
    });
    if (i + 3 < rivals.length) await new Promise((r) => setTimeout(r, 2000));
  }
  return out;
}
