// realworld repro (positive + negative): string-matched-error -- a streaming route runs a Claude
// panel from the app's Claude module and, when it throws, picks the reader-facing message by
// testing the error's text: abort and api-key phrases (not rate limits) and a rate-limit/429 pattern
// source: ADHD-IRL/MHDebate app/api/panel/route.ts:106
// source: ADHD-IRL/MHDebate app/api/panel/route.ts:105
// source: ADHD-IRL/MHDebate app/api/panel/route.ts:109
import { DeclinedError } from './claudePanelClient';
import { runRoundtable } from './roundtable';

function explain(err: unknown): string {
  if (err instanceof DeclinedError) return 'The model would not answer this one; try wording it differently.';
  const text = err instanceof Error ? err.message : String(err);
  if (/cancel|abort/i.test(text)) return 'Stopped.'; // expect-not: string-matched-error
  if (/rate.?limit|429/i.test(text)) { // expect: string-matched-error
    return 'Too many requests right now. Give it a minute.';
  }
  if (/api[_ ]?key|unauthori[sz]ed|401/i.test(text)) { // expect-not: string-matched-error
    return 'The server key is missing or was refused.';
  }
  return 'Something went wrong.';
}

export async function POST(req: Request): Promise<Response> {
  const { question } = (await req.json()) as { question: string };
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: object) => controller.enqueue(encoder.encode(`data: ${JSON.stringify(event)}\n\n`));
      try {
        await runRoundtable(question, send);
      } catch (err) {
        send({ type: 'error', message: explain(err) });
      } finally {
        controller.close();
      }
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}
