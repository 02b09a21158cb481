// realworld repro (positive + negative): batchable-fanout -- an offline script selects every published guide and tip
// still missing its English text and, one record after another, calls translators imported from a sibling module
// (each a fixed handful of Sonnet creates), storing every result with a prisma update; the fan-out is over the
// imported functions, and each loop's catch logs and moves on
// source: davidbarrera75/digitra-news scripts/translate-all.ts:20
// source: davidbarrera75/digitra-news scripts/translate-all.ts:38
// source: davidbarrera75/digitra-news scripts/translate-all.ts:17
// source: davidbarrera75/digitra-news scripts/translate-all.ts:35
// source: davidbarrera75/digitra-news scripts/translate-all.ts:23
import { PrismaClient } from "@prisma/client";
import { renderGuide, renderTip } from "./guide_translations_imported_fields_claude";

const prisma = new PrismaClient();

async function main() {
  const guides = await prisma.guide.findMany({ where: { published: true, headingEn: null } });
  console.log(`${guides.length} guides to translate`);
  for (const guide of guides) { // expect-not: unbounded-fanout
    try {
      const english = await renderGuide(guide); // expect: batchable-fanout; expect-not: naive-retry, model-routing, uncached-prompt, retries-disabled
      await prisma.guide.update({ where: { id: guide.id }, data: english });
    } catch (err) { // expect-not: string-matched-error
      console.error(`guide ${guide.id} failed: ${err}`);
    }
  }

  const tips = await prisma.tip.findMany({ where: { published: true, headingEn: null } });
  console.log(`${tips.length} tips to translate`);
  for (const tip of tips) { // expect-not: unbounded-fanout
    try {
      const english = await renderTip(tip); // expect: batchable-fanout
      await prisma.tip.update({ where: { id: tip.id }, data: english });
    } catch (err) {
      console.error(`tip ${tip.id} failed: ${err}`);
    }
  }
}

main()
  .catch(console.error)
  .finally(() => prisma.$disconnect());
