// realworld repro (positive + negative): batchable-fanout -- a bookkeeping service module: a job walks every
// supplier of a company not yet profiled (up to 20 a run) one at a time and, through a same-file helper, sends one
// Haiku create per supplier whose answer the helper upserts into the suppliers table; look-alikes: the expense
// sorter that sends up to 50 pending expenses in a single Sonnet prompt (already batched in the prompt), Haiku at
// 256 tokens, per-item catch that logs and moves on (nothing re-sent), no system prompt, default client
// source: ChrisRagainTR/darklion-ai server/services/claude.js:115
// source: ChrisRagainTR/darklion-ai server/services/claude.js:47
// source: ChrisRagainTR/darklion-ai server/services/claude.js:170
// source: ChrisRagainTR/darklion-ai server/services/claude.js:4
const Anthropic = require("@anthropic-ai/sdk");
const store = require("../store");

const claude = new Anthropic(); // expect-not: retries-disabled, hardcoded-api-key

const QUICK = "claude-haiku-4-5";
const CAREFUL = "claude-sonnet-4-5";

async function sortExpenses(companyId, ledgerNames) {
  const pending = store.all("SELECT * FROM expenses WHERE company_id = ? AND state = 'new' LIMIT 50", companyId);
  if (pending.length === 0) return { sorted: 0 };
  const lines = pending.map((x, i) => `${i + 1}. ${x.date} | ${x.amount} | ${x.payee} | ${x.memo}`).join("\n");
  const reply = await claude.messages.create({ // expect-not: batchable-fanout, model-routing, missing-max-tokens, nonstreaming-max-tokens, uncached-prompt
    model: CAREFUL,
    max_tokens: 4096,
    messages: [
      {
        role: "user",
        content: `Assign each expense to one of these ledgers:\n${ledgerNames.join("\n")}\n\nExpenses:\n${lines}\n\nAnswer with a JSON array of {"index", "ledger", "confidence"} only.`,
      },
    ],
  });
  const rows = JSON.parse(reply.content[0].text.match(/\[[\s\S]*\]/)[0]);
  for (const r of rows) {
    const x = pending[r.index - 1];
    if (x) store.run("UPDATE expenses SET ledger = ?, confidence = ?, state = 'sorted' WHERE id = ?", r.ledger, r.confidence, x.id);
  }
  return { sorted: rows.length };
}

async function profileSupplier(companyId, supplierName) {
  const reply = await claude.messages.create({ // expect: batchable-fanout; expect-not: model-routing, missing-max-tokens, unbounded-fanout
    model: QUICK,
    max_tokens: 256,
    messages: [
      {
        role: "user",
        content: `What kind of business is "${supplierName}"? Answer as JSON: {"kind": "...", "summary": "..."}`,
      },
    ],
  });
  const info = JSON.parse(reply.content[0].text.match(/\{[\s\S]*\}/)[0]);
  store.run(
    "INSERT INTO suppliers (company_id, name, kind, summary) VALUES (?, ?, ?, ?) ON CONFLICT (company_id, name) DO UPDATE SET kind = excluded.kind, summary = excluded.summary",
    companyId,
    supplierName,
    info.kind || "",
    info.summary || "",
  );
  return info;
}

async function profileAllSuppliers(companyId) {
  const unknown = store.all(
    "SELECT DISTINCT e.payee AS name FROM expenses e LEFT JOIN suppliers s ON s.company_id = e.company_id AND s.name = e.payee WHERE e.company_id = ? AND s.id IS NULL LIMIT 20",
    companyId,
  );
  let done = 0;
  for (const { name } of unknown) { // expect-not: naive-retry
    try {
      await profileSupplier(companyId, name);
      done++;
    } catch (e) {
      console.error(`could not profile ${name}: ${e.message}`);
    }
  }
  return { profiled: done };
}

module.exports = { sortExpenses, profileSupplier, profileAllSuppliers };
