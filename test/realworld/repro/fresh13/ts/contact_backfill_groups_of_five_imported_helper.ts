// realworld repro (negative): unbounded-fanout -- an offline backfill runs Promise.all over slices of five rows
// (a fixed cap) and hands each row to a summary helper imported from another module, saving each answer with an
// update; look-alikes: a failed row is counted and logged, and the Claude call itself is not in this file
// source: tedlittledale/personal-crm scripts/backfill-summaries.ts:31
// source: tedlittledale/personal-crm scripts/backfill-summaries.ts:41
import { db } from '../src/db';
import { members } from '../src/db/schema';
import { eq, isNull } from 'drizzle-orm';
import { summariseMember } from '../src/lib/member-summary';

const GROUP = 5;

async function main() {
  const rows = await db.select().from(members).where(isNull(members.summary));
  let done = 0;
  let failed = 0;

  for (let i = 0; i < rows.length; i += GROUP) {
    const group = rows.slice(i, i + GROUP);
    await Promise.all( // expect-not: unbounded-fanout
      group.map(async (row) => {
        try {
          const summary = await summariseMember(row);
          await db.update(members).set({ summary }).where(eq(members.id, row.id));
          done++;
        } catch (err) { // expect-not: naive-retry
          failed++;
          console.error(`failed for ${row.name}:`, err);
        }
      }),
    );
  }
  console.log(`done ${done}, failed ${failed}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
