// realworld repro (negative): missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt,
// batchable-fanout, naive-retry, unbounded-fanout -- a user-triggered research pipeline sends three dependent Claude
// requests one after another through a helper imported from a sibling module (4096 tokens, a one-sentence system
// prompt on the last), while its Promise.all fan-outs only fetch web pages (a literal list of queries, at most five
// sites sliced, four pages each) and hold no Claude call
// source: richlira/competitor-intel lib/pipeline.ts:38
// source: richlira/competitor-intel lib/pipeline.ts:72
// source: richlira/competitor-intel lib/pipeline.ts:125
// source: richlira/competitor-intel lib/pipeline.ts:61
// source: richlira/competitor-intel lib/pipeline.ts:88
// source: richlira/competitor-intel lib/pipeline.ts:91
import { askModel } from "./rival_scan_ask_helper";

type Fetcher = (url: string) => Promise<string | null>;
const strip = (s: string) => s.replace(/```json?\n?|\n?```/g, "");

export async function scanRivals(siteUrl: string, fetchPage: Fetcher, searchWeb: (q: string) => Promise<string[]>) {
  const home = (await fetchPage(siteUrl))?.slice(0, 8000) ?? "";
  const profileRaw = await askModel( // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, naive-retry, string-matched-error, retries-disabled, hardcoded-api-key
    `Return JSON {"name": "...", "product": "...", "sector": "..."} for this site:\n${home}`,
  );
  const profile = JSON.parse(strip(profileRaw));

  const queries = [`${profile.name} alternatives`, `${profile.name} competitors`, `${profile.sector} tools like ${profile.product}`];
  const found = (await Promise.all(queries.map((q) => searchWeb(q).catch(() => [])))).flat(); // expect-not: unbounded-fanout

  const pickRaw = await askModel( // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, naive-retry
    `From these links pick the five closest rivals of ${profile.name} as JSON [{"name": "...", "url": "..."}]:\n${found.join("\n")}`,
  );
  const rivals: { name: string; url: string }[] = JSON.parse(strip(pickRaw));

  const pages = await Promise.all( // expect-not: unbounded-fanout
    rivals.slice(0, 5).map(async (rival) => {
      const [main, pricing, about, jobs] = await Promise.all([ // expect-not: unbounded-fanout
        fetchPage(rival.url),
        fetchPage(`${rival.url}/pricing`),
        fetchPage(`${rival.url}/about`),
        fetchPage(`${rival.url}/jobs`),
      ]);
      return { ...rival, main: main?.slice(0, 3000), pricing: pricing?.slice(0, 2000), about: about?.slice(0, 2000), jobs: jobs?.slice(0, 2000) };
    }),
  );

  const reportRaw = await askModel( // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt, batchable-fanout, naive-retry
    `Compare these rivals with ${profile.name} and return JSON {"rivals": [...], "advice": [...]}:\n${JSON.stringify(pages).slice(0, 30000)}`,
    "You are a careful market analyst. Use only the data given.",
  );
  return JSON.parse(strip(reportRaw));
}
