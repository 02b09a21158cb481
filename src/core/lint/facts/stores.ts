/**
 * Writes that store results (what makes a per-item job's answers outlive it): the patterns, and
 * the functions of the project's other modules that make such writes (cross-file facts).
 */
import type { FileContext } from '../context';
import { projectImports } from './projectImports';

/**
 * Writes that store results: files, CSV/JSON/pickle dumps (also helpers named for them: `jsonlines_dump`, `save_jsonl`),
 * databases (also a CMS document patch committed, Sanity's `client.patch(id).set({ faq }).commit()`; a Firestore
 * document written, `db.collection('perfumes').doc(id).update({ description })`, `.collection(c).add(…)`,
 * `updateDoc(ref, …)` / `setDoc` / `addDoc`; Python's `.document(id).set(…)`), and a store's own
 * save/insert/upsert methods (`store.saveIngredients(id, items)`, `repo.insert_row(r)`); in JS also a SQL
 * write in a tagged template (postgres.js and the like: ``sql`UPDATE stores SET … ${category}` ``), or a
 * write statement prepared and run in place (better-sqlite3: ``db.prepare(`INSERT …`).run(id, info.category)``),
 * or a query builder's update of a table (Drizzle `db.update(clinics).set({ … })`, Kysely `updateTable(t).set(…)`),
 * or a statement given as an object (libSQL `db.execute({ sql: 'UPDATE …', args })`, pg `query({ text: 'INSERT …' })`);
 * in both languages a string that opens an SQL write, whatever then runs it (`sql = f"UPDATE exercises SET
 * description = '{text}' …"` handed to a helper that posts it to a database's query endpoint).
 */
export const JS_STORE_WRITE =
  /\.\s*doc\s*\((?:[^()]|\([^()]*\))*\)\s*\.\s*(?:set|update|create)\s*\(|\.\s*collection\s*\((?:[^()]|\([^()]*\))*\)\s*\.\s*add\s*\(|(?<![\w$.])(?:setDoc|updateDoc|addDoc)\s*\(|\.\s*from\s*\([^()]*\)\s*\.\s*(?:update|upsert|insert)\s*\(|\.\s*update(?:Table)?\s*\([^()]*\)\s*\.\s*set\s*\(|\.\s*patch\s*\([^()]*\)\s*(?:\.\s*(?:set|setIfMissing|unset|inc|dec|insert|append)\s*\((?:[^()]|\([^()]*\))*\)\s*)+\.\s*commit\s*\(|\b(?:(?:prisma|db|tx|database|knex|sequelize|repo|repository)\s*\.\s*[\w$]+\s*\.\s*(?:create|createMany)|[A-Za-z_$][\w$]*\s*\.\s*[\w$]+\s*\.\s*(?:update|updateMany|upsert)|writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream|outputJson|outputJSON|writeJson|writeJSON|outputFile|insertMany|insertOne|updateOne|updateMany|replaceOne|bulkWrite|createMany|bulkCreate|batchWrite|putItem)\s*\(|\.(?:write|insert|upsert|save)(?:[A-Z][\w$]*)?\s*\(|(?:\.|(?<![\w$.]))(?:query|execute|run|prepare)\s*\((?=\s*(?:\{\s*(?:sql|text)\s*:\s*)?['"`]\s*(?:INSERT|insert|UPDATE|update|REPLACE|replace|UPSERT|upsert)\b)|(?<![\w$.])(?!(?:return|yield|throw|case|typeof|void|delete|await|in|of|new|else|do)(?![\w$]))[A-Za-z_$][\w$]*(?=\s*`\s*(?:INSERT|insert|UPDATE|update|REPLACE|replace|UPSERT|upsert)\b)|(?:'|"|`)\s*(?:(?:UPDATE|update)\s+[\w."`[\]{}$]+\s+(?:SET|set)\b|(?:INSERT|insert|REPLACE|replace|UPSERT|upsert|MERGE|merge)\s+(?:(?:OR|or)\s+[A-Za-z]+\s+)?(?:INTO|into)\s+[\w."`[\]{}$]+(?:\s*\(|\s+(?:VALUES|values|SELECT|select|SET|set|DEFAULT|default)\b))/;
export const PY_STORE_WRITE =
  /\.\s*document\s*\((?:[^()]|\([^()]*\))*\)\s*\.\s*(?:set|update|create)\s*\(|\.\s*collection\s*\((?:[^()]|\([^()]*\))*\)\s*\.\s*add\s*\(|\b(?:json|pickle|yaml|joblib|np|numpy)\s*\.\s*(?:dump|save)\s*\(|\b(?:\w*_)?(?:jsonl?|jsonlines|csv|pickle|pkl|parquet|yaml)_(?:dump|save|write|append)\w*\s*\(|\b(?:dump|save|write|append)_(?:to_)?(?:jsonl?|jsonlines|csv|pickle|pkl|parquet|yaml)\b\w*\s*\(|\.(?:write|writelines|write_text|write_bytes|writerow|writerows|to_csv|to_json|to_parquet|to_excel|to_sql|to_pickle|to_feather|execute|executemany|insert_one|insert_many|update_one|update_many|replace_one|bulk_create|save|dump|commit)\s*\(|\.(?:save|insert|upsert)_[a-z]\w*\s*\(|(?<![\w])[rRbBuUfF]{0,2}(?:'|")\s*(?:(?:UPDATE|update)\s+[\w."`[\]{}$]+\s+(?:SET|set)\b|(?:INSERT|insert|REPLACE|replace|UPSERT|upsert|MERGE|merge)\s+(?:(?:OR|or)\s+[A-Za-z]+\s+)?(?:INTO|into)\s+[\w."`[\]{}$]+(?:\s*\(|\s+(?:VALUES|values|SELECT|select|SET|set|DEFAULT|default)\b))/;

/**
 * The names the file imports from the project's other modules that write to a store (their module
 * says so: see `ModuleSummary.storeWriters`), at most 16; only when the lint can read the project.
 */
export function importedStoreWriters(ctx: FileContext): string[] {
  return ctx.memo('imported-store-writers', () => {
    const modules = ctx.options.modules;
    const out: string[] = [];
    if (!modules) {
      return out;
    }
    for (const [local, { specifier, imported }] of projectImports(ctx)) {
      // (a name the file calls: `name(`)
      if (out.length < 16 && /^[A-Za-z_$][\w$]*$/.test(local) && ctx.callsOf(local, false).length > 0) {
        if (modules.storeWriter(specifier, imported)) {
          out.push(local);
        }
      }
    }
    return out;
  });
}
