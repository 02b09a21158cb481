// realworld repro (positive + negative): batchable-fanout -- with --all, an offline script walks every release
// without a summary and sends one raw fetch request per release through a same-file helper whose Anthropic branch is
// one side of a provider ternary (Haiku by default, the system prompt read from a file at run time); the summaries
// are assigned into an object by version and written with writeFileSync after the loop
// source: Lewis-Barry/IntuneSettingsCatalogViewer scripts/generate-summaries.ts:167
// source: Lewis-Barry/IntuneSettingsCatalogViewer scripts/generate-summaries.ts:186
import * as fs from "fs";

type Provider = { kind: "anthropic" | "compatible"; key: string; model: string; base: string };

function pickProvider(): Provider | null {
  if (process.env.ANTHROPIC_API_KEY) {
    return { kind: "anthropic", key: process.env.ANTHROPIC_API_KEY, model: process.env.ANTHROPIC_MODEL ?? "claude-haiku-4-5", base: "" }; // expect-not: hardcoded-api-key
  }
  if (process.env.OTHER_API_KEY) return { kind: "compatible", key: process.env.OTHER_API_KEY, model: "other-small", base: "https://llm.example.test/v1" };
  return null;
}

async function ask(system: string, user: string, p: Provider): Promise<string> {
  const res =
    p.kind === "anthropic"
      ? await fetch("https://api.anthropic.com/v1/messages", { // expect: batchable-fanout; expect-not: naive-retry, model-routing, uncached-prompt, missing-max-tokens, nonstreaming-max-tokens
          method: "POST",
          headers: { "x-api-key": p.key, "anthropic-version": "2023-06-01", "content-type": "application/json" },
          body: JSON.stringify({ model: p.model, max_tokens: 4096, system, messages: [{ role: "user", content: user }] }),
        })
      : await fetch(`${p.base}/chat/completions`, {
          method: "POST",
          headers: { authorization: `Bearer ${p.key}`, "content-type": "application/json" },
          body: JSON.stringify({ model: p.model, messages: [{ role: "system", content: system }, { role: "user", content: user }] }),
        });
  if (!res.ok) throw new Error(`${p.kind} ${res.status}: ${(await res.text()).slice(0, 200)}`); // expect-not: string-matched-error
  const body = await res.json();
  return p.kind === "anthropic" ? body.content[0].text : body.choices[0].message.content;
}

async function main() {
  const releases: Array<{ version: string; changes: string[] }> = JSON.parse(fs.readFileSync("data/releases.json", "utf-8"));
  const done: Record<string, string> = fs.existsSync("data/release-notes.json") ? JSON.parse(fs.readFileSync("data/release-notes.json", "utf-8")) : {};
  const system = fs.readFileSync("scripts/notes-prompt.md", "utf-8");
  const provider = pickProvider();
  if (!provider) throw new Error("no API key");
  for (const release of releases.filter((r) => !done[r.version])) {
    done[release.version] = await ask(system, release.changes.join("\n"), provider);
  }
  fs.writeFileSync("data/release-notes.json", JSON.stringify(done, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
