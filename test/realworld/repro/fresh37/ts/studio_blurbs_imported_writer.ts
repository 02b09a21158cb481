// realworld repro (positive + negative): batchable-fanout -- an offline script selects every studio whose blurb is
// still null and, one after another, calls a writer imported from a sibling module (one Haiku create with a cached
// system block), storing each answer with a prisma update; the fan-out is over the imported function
// source: iguchi-0523/labmatch scripts/generate-summaries.ts:46
// source: iguchi-0523/labmatch scripts/generate-summaries.ts:40
import { PrismaClient } from "@prisma/client";
import { writeStudioBlurb } from "./studio_blurbs_imported_writer_claude";

const prisma = new PrismaClient();

async function main() {
  const studios = await prisma.studio.findMany({ where: { blurb: null }, include: { projects: { take: 20 } } });
  for (const studio of studios) { // expect-not: unbounded-fanout
    try {
      const blurb = await writeStudioBlurb(studio.name, studio.projects.map((p) => p.title)); // expect: batchable-fanout; expect-not: naive-retry, model-routing, uncached-prompt
      await prisma.studio.update({ where: { id: studio.id }, data: { blurb, blurbAt: new Date() } });
    } catch (err) {
      console.error(`${studio.name}: ${err instanceof Error ? err.message : err}`);
    }
  }
}

main().finally(() => prisma.$disconnect());
