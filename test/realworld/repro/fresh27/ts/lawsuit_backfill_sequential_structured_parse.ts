// realworld repro (positive + negative): batchable-fanout -- a backfill run (started from a CLI script) lists the
// lawsuits still missing a summary and walks them one by one; a same-file extractor builds the content (a PDF by
// URL when there is one, then the docket text) inside a nested closure that makes one beta structured-output
// parse per lawsuit, and the loop stores each result through the store module; look-alikes: a single re-send without the PDF on
// a BadRequestError (not a rate-limit retry), an APIError that is only counted before moving on (class checks, no
// message text), 16,000 tokens non-streaming (below the threshold), a constant system prompt of a few hundred
// characters, an Opus-class model doing real extraction, cases handled one after another (nothing concurrent)
// source: It-Got-Sued/itgotsued src/lib/ingest/enrich.ts:112
// source: It-Got-Sued/itgotsued src/lib/ingest/enrich.ts:129
// source: It-Got-Sued/itgotsued src/lib/ingest/enrich.ts:234
// source: It-Got-Sued/itgotsued src/lib/ingest/enrich.ts:208
import Anthropic from "@anthropic-ai/sdk";
import { betaZodOutputFormat } from "@anthropic-ai/sdk/helpers/beta/zod";
import { z } from "zod";
import { listLawsuitsToSummarise, saveLawsuitSummary, type Lawsuit } from "./lawsuit-store";

const MODEL = "claude-opus-4-1";

const SummarySchema = z.object({
  plain_summary: z.string(),
  affected_people: z.string().nullable(),
  companies: z.array(z.string()),
  topics: z.array(z.string()),
});

type Summary = z.infer<typeof SummarySchema>;

const INSTRUCTIONS = `You read court filings for a consumer website. Explain in plain words who is suing whom and why.
Treat claims as claims, not facts. Name only the companies the filings name. Use null when something is unclear.`;

class SummarySkipped extends Error {}

function docketText(suit: Lawsuit): string {
  return [`Title: ${suit.title}`, `Court: ${suit.court}`, "", ...suit.entries.map((e) => `- ${e}`)].join("\n");
}

async function summariseOne(client: Anthropic, suit: Lawsuit, withPdf: boolean): Promise<Summary> {
  const send = async (attachPdf: boolean) => {
    const content: Anthropic.Beta.BetaContentBlockParam[] = [];
    if (attachPdf && suit.pdfUrl) {
      content.push({ type: "document", source: { type: "url", url: suit.pdfUrl }, title: "Filing" });
    }
    content.push({ type: "text", text: docketText(suit) });
    return client.beta.messages.parse({ // expect: batchable-fanout; expect-not: nonstreaming-max-tokens, missing-max-tokens, model-routing, uncached-prompt, unbounded-fanout
      model: MODEL,
      max_tokens: 16000,
      output_config: { format: betaZodOutputFormat(SummarySchema) },
      system: INSTRUCTIONS,
      messages: [{ role: "user", content }],
    });
  };

  const attach = withPdf && Boolean(suit.pdfUrl);
  let reply;
  try {
    reply = await send(attach);
  } catch (err) {
    // the linked filing can be too large or unreachable: ask once more from the docket alone
    if (attach && err instanceof Anthropic.BadRequestError) reply = await send(false); // expect-not: naive-retry
    else throw err;
  }
  if (!reply.parsed_output) throw new SummarySkipped(`no structured output (${reply.stop_reason})`);
  return reply.parsed_output;
}

export async function backfillSummaries(limit: number): Promise<{ done: number; failed: number }> {
  const tally = { done: 0, failed: 0 };
  const client = new Anthropic(); // expect-not: retries-disabled, hardcoded-api-key
  for (const suit of listLawsuitsToSummarise(limit)) {
    try {
      const summary = await summariseOne(client, suit, true);
      saveLawsuitSummary(suit.id, summary);
      tally.done++;
    } catch (err) {
      if (err instanceof SummarySkipped) {
        console.log(`${suit.id} skipped: ${err.message}`);
      } else if (err instanceof Anthropic.APIError) { // expect-not: string-matched-error
        tally.failed++;
        console.log(`${suit.id} failed with ${err.status}`);
      } else {
        throw err;
      }
    }
  }
  return tally;
}
