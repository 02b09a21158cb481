// realworld repro (positive + negative): naive-retry -- a shared workspace module plans campaign ideas through a
// local attempt closure and, in a bare catch, calls it once more at once with the same request: a 429 of the
// first try is re-sent immediately, no wait and no retry-after, on a module client that keeps the SDK's retries;
// the module's other requests are single sends
// source: GadeDev/AffiliateBusiness packages/shared/src/claude.ts:198
// source: GadeDev/AffiliateBusiness packages/shared/src/claude.ts:109
// source: GadeDev/AffiliateBusiness packages/shared/src/claude.ts:229
// source: GadeDev/AffiliateBusiness packages/shared/src/claude.ts:3
import Anthropic from "@anthropic-ai/sdk";

const anthropic = new Anthropic({ apiKey: process.env.ANTHROPIC_API_KEY }); // expect-not: retries-disabled, hardcoded-api-key

export interface CampaignIdea {
  headline: string;
  angle: string;
  offerId: string;
}

export async function writeShortPost(prompt: string): Promise<string> {
  const reply = await anthropic.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, uncached-prompt
    model: "claude-sonnet-4-5",
    max_tokens: 900,
    messages: [{ role: "user", content: prompt }],
  });
  const first = reply.content[0];
  if (first.type !== "text") throw new Error("no text block");
  return first.text;
}

export async function planCampaignIdeas(theme: string, offerIds: string[], count = 2): Promise<CampaignIdea[]> {
  const prompt = `Propose ${count} fresh campaign ideas for the theme "${theme}". Use only these offer ids: ${offerIds.join(", ")}.
Answer with a JSON array of {"headline", "angle", "offerId"} and nothing else.`;

  const attempt = async (): Promise<CampaignIdea[]> => {
    const reply = await anthropic.messages.create({
      model: "claude-sonnet-4-5",
      max_tokens: 1800,
      messages: [{ role: "user", content: prompt }],
    });
    const first = reply.content[0];
    if (first.type !== "text") throw new Error("no text block");
    const parsed = JSON.parse(first.text.replace(/```(json)?/g, "").trim());
    if (!Array.isArray(parsed)) throw new Error("ideas are not an array");
    return parsed as CampaignIdea[];
  };

  try {
    return await attempt();
  } catch {
    // one more go
    return await attempt(); // expect: naive-retry
  }
}

export async function writeLandingCopy(headline: string, angle: string): Promise<string> {
  const reply = await anthropic.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, model-routing, batchable-fanout, unbounded-fanout
    model: "claude-sonnet-4-5",
    max_tokens: 3500,
    messages: [{ role: "user", content: `Write landing-page copy as JSON for "${headline}" (${angle}).` }],
  });
  const first = reply.content[0];
  return first.type === "text" ? first.text : "";
}
