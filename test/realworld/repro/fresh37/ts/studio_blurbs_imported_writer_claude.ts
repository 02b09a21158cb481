// realworld repro (module): the writer imported by studio_blurbs_imported_writer.ts -- one Haiku create per call with
// its long constant system prompt marked for caching; no loop here
// source: iguchi-0523/labmatch scripts/generate-summaries.ts:46
import Anthropic from "@anthropic-ai/sdk";

const SYSTEM = "You describe a design studio for students from the titles of its recent projects, in plain words.";

let client: Anthropic | null = null;

export async function writeStudioBlurb(name: string, titles: string[]): Promise<string> {
  client ??= new Anthropic(); // expect-not: retries-disabled
  const reply = await client.messages.create({ // expect-not: missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
    model: "claude-haiku-4-5",
    max_tokens: 1024,
    system: [{ type: "text", text: SYSTEM, cache_control: { type: "ephemeral" } }],
    messages: [{ role: "user", content: `Studio: ${name}\nProjects:\n${titles.join("\n")}` }],
  });
  const block = reply.content.find((b) => b.type === "text");
  if (!block || block.type !== "text") throw new Error("no text in the reply");
  return block.text.trim();
}
