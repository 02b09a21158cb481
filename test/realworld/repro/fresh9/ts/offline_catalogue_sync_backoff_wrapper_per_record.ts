// realworld repro (positive + negative): naive-retry and batchable-fanout -- an offline sync script walks every record
// of a URL list, sends one create per record's document (a PDF branch and a spreadsheet branch, each one
// local call below the loop) through a same-file wrapper (given a label first, the request second) that retries 429/529/5xx after doubling waits
// without reading retry-after, and writes each answer to its own cache file
// source: nashoiggy-stack/essay-grader-app scripts/cds-sync.ts:376
// source: nashoiggy-stack/essay-grader-app scripts/cds-sync.ts:383
// source: nashoiggy-stack/essay-grader-app scripts/cds-sync.ts:416
// source: nashoiggy-stack/essay-grader-app scripts/cds-sync.ts:488
import Anthropic from '@anthropic-ai/sdk';
import { promises as fs } from 'node:fs';

async function withBackoff<T>(label: string, fn: () => Promise<T>, tries = 4): Promise<T> {
  let last: unknown;
  for (let n = 1; n <= tries; n++) { // expect: naive-retry
    try {
      return await fn();
    } catch (err: unknown) {
      last = err;
      const code = (err as { status?: number }).status;
      const again = code === 429 || code === 529 || (code !== undefined && code >= 500); // expect-not: string-matched-error
      if (!again || n === tries) throw err;
      console.warn(`${label}: retry ${n}`);
      await new Promise((r) => setTimeout(r, Math.min(500 * 2 ** n, 20_000)));
    }
  }
  throw last;
}

async function readPdf(claude: Anthropic, pdf: Buffer, label: string): Promise<string> {
  const reply = await withBackoff(label, () =>
    claude.messages.create({ // expect: batchable-fanout
      model: 'claude-opus-4-1',
      max_tokens: 3000,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdf.toString('base64') } },
            { type: 'text', text: 'List the enrolment figures in this report as JSON.' },
          ],
        },
      ],
    }),
  );
  return reply.content[0].type === 'text' ? reply.content[0].text : '';
}

async function readSheet(claude: Anthropic, csv: string, label: string): Promise<string> {
  const reply = await withBackoff(label, () =>
    claude.messages.create({ // expect: batchable-fanout
      model: 'claude-opus-4-1',
      max_tokens: 3000,
      messages: [{ role: 'user', content: `List the enrolment figures in this sheet as JSON.\n${csv}` }],
    }),
  );
  return reply.content[0].type === 'text' ? reply.content[0].text : '';
}

async function main(): Promise<void> {
  const claude = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY });
  const sites: Record<string, string> = JSON.parse(await fs.readFile('data/report-urls.json', 'utf8'));
  for (const [school, url] of Object.entries(sites)) {
    const body = Buffer.from(await (await fetch(url)).arrayBuffer());
    const json = url.endsWith('.pdf') ? await readPdf(claude, body, school) : await readSheet(claude, body.toString('utf8'), school);
    await fs.writeFile(`cache/${school}.json`, json, 'utf8');
  }
}

void main();
