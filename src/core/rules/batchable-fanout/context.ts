/**
 * Whether a fan-out runs offline (a script's top level or `main`, a notebook cell, a CLI
 * command, or a function one of those calls) rather than while serving a live request
 * (a route handler, anything in a file that imports a web framework).
 */
import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../../lint/context';
import { endOf, enclosingFunction, functionName, kind, up } from '../../lint/syntax';
import { instanceCalls } from '../../lint/facts/perItem';
import { callGraph } from '../../lint/facts/callGraph';

/**
 * Web frameworks: a file importing one serves requests, so its fan-outs are live. Python's
 * app frameworks (Streamlit, Gradio, Chainlit) count too: their top level reruns on each
 * click, with the user waiting on the page.
 */
const JS_SERVER =
  /(?:from\s+|require\s*\(\s*)['"](?:express|fastify|koa|@koa\/router|hono|next(?:\/[\w/-]+)?|@nestjs\/[\w-]+|@hapi\/hapi|restify|@sveltejs\/kit|@remix-run\/[\w-]+|h3|elysia)['"]/;
const PY_SERVER =
  /^[ \t]*(?:from|import)[ \t]+(?:flask|fastapi|django|starlette|aiohttp|sanic|tornado|quart|litestar|bottle|falcon|werkzeug|streamlit|gradio|chainlit)\b/gm;

/**
 * A script whose top level reads what its user types (`topic = input("Topic: ")`): someone
 * runs it and waits for the answer (a prompt for a choice inside a function does not count).
 */
const TOP_LEVEL_INPUT = /^[A-Za-z_]\w*[ \t]*=[ \t]*input[ \t]*\(/gm;

/**
 * Reading what a user types: `input(`, prompt_toolkit's `prompt_async(` / `session.prompt(`,
 * rich's `Prompt.ask(`, click/typer's `prompt(`, questionary/inquirer, `aioconsole.ainput(`;
 * Node's `rl.question(` / `readline.question(`, `readlineSync.question(`. Written on one line
 * (line-local: in an editor document only the lines an edit changed are scanned again).
 */
const USER_READ =
  /(?:^|[^\w$.\n])(?:input|ainput|prompt_async|raw_input)[ \t]*\(|\b(?:session|Prompt|Confirm|IntPrompt|click|typer|inquirer|questionary(?:[ \t]*\.[ \t]*\w+)?|prompt_toolkit|pt)[ \t]*\.[ \t]*(?:prompt|ask|prompt_async)[ \t]*\(|\b(?:rl|readline|readlineSync|reader|iface|cli)[ \t]*\.[ \t]*question[ \t]*\(/gm;

/**
 * Whether an entry function (or the top level) reads what its user types in a `while` loop,
 * itself or through a same-file function that does (`while True: user_input = await
 * get_user_input()` around `session.prompt_async(...)`): an interactive session whose user
 * waits for each answer, not a data job. A single question before a job (`input("Proceed?")`)
 * is not one.
 */
function readsUserEachTurn(ctx: FileContext): boolean {
  return ctx.memo('batchable-repl', () => {
    // (Most files read no input at all: then neither they nor a function of theirs does.)
    const reads = [...ctx.scan(USER_READ)];
    if (reads.length === 0) {
      return false;
    }
    const readers = new Set<string>();
    for (const f of callGraph(ctx).functions) {
      const end = Math.min(f.end, f.start + 4000);
      if (
        /^[A-Za-z_$][\w$]*$/.test(f.name) &&
        reads.some((m) => m.index >= f.start && m.index + m[0].length <= end)
      ) {
        readers.add(f.name);
      }
    }
    const names = [...readers].map((n) => n.replace(/\$/g, '\\$'));
    const read = new RegExp(
      USER_READ.source +
        (names.length ? `|(?<![\\w$.])(?:(?:self|this)\\s*\\.\\s*)?(?:${names.join('|')})\\s*\\(` : ''),
      'gm',
    );
    for (const m of ctx.scan(read)) {
      const at = m.index + m[0].search(/[\w$]/);
      if (ctx.inCommentOrString(at) || isDefinition(ctx, at)) {
        continue;
      }
      const node = ctx.nodeAt(at);
      const fn = node ? enclosingFunction(node) : null;
      if (fn && readers.has(functionName(fn, ctx.text) ?? '')) {
        continue; // the reader itself
      }
      let loop: Node | null = null;
      for (let n = node ? up(node) : null; n && n.startIndex !== fn?.startIndex; n = up(n)) {
        if (kind(n) === 'while_statement') {
          loop = n;
          break;
        }
      }
      if (loop && (!fn || entryFunction(ctx, fn))) {
        return true;
      }
    }
    return false;
  });
}

/**
 * Whether a loop reads what its user types each turn (`command = input("Accept / Reject > ")`
 * in a review loop's body): a person looks at each answer as it comes, not a data job.
 */
export function readsUserInLoop(ctx: FileContext, loop: Node): boolean {
  if (!/^(?:for_statement|for_in_statement|while_statement|do_statement)$/.test(kind(loop))) {
    return false;
  }
  for (const m of ctx.scan(USER_READ, loop.startIndex, endOf(loop))) {
    if (!ctx.inCommentOrString(m.index + m[0].search(/[\w$]/))) {
      return true;
    }
  }
  return false;
}

/** Names of entry functions. */
const ENTRY_NAMES = /^(?:main|_main|cli|run_cli|script)$/;

/** CLI command decorators (click, typer) and handlers (commander `.action(fn)`, yargs `handler`). */
const PY_COMMAND = /^[ \t]*@[\w.]*(?:command|group)\b/;

/** Whether the file imports a web framework. */
export function servesRequests(ctx: FileContext): boolean {
  // (Python's pattern is line-local: a scan kept across edits in an editor document)
  return ctx.memo('serves-requests', () =>
    ctx.python ? !ctx.scan(PY_SERVER).next().done : JS_SERVER.test(ctx.text),
  );
}

/** Why a node runs offline ("a script's top level", "main()", ...), or undefined when it may serve a request. */
export function offlineContext(ctx: FileContext, node: Node): string | undefined {
  if (servesRequests(ctx)) {
    return cronRoute(ctx);
  }
  // (once per file: a scan of the whole text for each per-item loop read it again per loop)
  const asksAtTop = ctx.memo(
    'batchable-top-level-input',
    () => ctx.python && !ctx.scan(TOP_LEVEL_INPUT).next().done,
  );
  if (asksAtTop || readsUserEachTurn(ctx)) {
    return undefined;
  }
  return reachedOffline(ctx, node) ?? writesFiles(ctx, node) ?? backlogJob(ctx, node);
}

/** A cron secret checked or a scheduler's header read: `process.env.CRON_SECRET`, `x-vercel-cron`. */
const CRON_MARK = /\bCRON_SECRET\b|\bverifyCronSecret\b|['"]x-vercel-cron['"]/g;

/**
 * Reading a signed-in user's session: `supabase.auth.getUser()`, `getServerSession(…)`,
 * `await auth()`, `currentUser()`, `getAuth(req)`.
 */
const SESSION_READ =
  /\bauth\s*\.\s*getUser\s*\(|(?<![\w$.])(?:getServerSession|currentUser|getAuth)\s*\(|\bawait\s+auth\s*\(\s*\)/g;

/**
 * A route a scheduler calls (`app/api/cron/.../route.ts`, or one that checks `CRON_SECRET`):
 * it serves requests, but nobody waits on its answers, as in a cron script. A route that also
 * reads a signed-in user's session (`supabase.auth.getUser()`) serves that user too, who waits
 * on it: not one.
 */
function cronRoute(ctx: FileContext): string | undefined {
  // (Once per file; the patterns are line-local: scans kept across edits in an editor document.)
  return ctx.memo('batchable-cron-route', () => {
    const path = ctx.path?.replace(/\\/g, '/') ?? '';
    return /(?:^|\/)(?:cron|crons|jobs\/cron)\//.test(path) ||
      (!ctx.scan(CRON_MARK).next().done && ctx.scan(SESSION_READ).next().done)
      ? 'a cron route (a scheduler calls it; nobody waits on the answers)'
      : undefined;
  });
}

/** Writing a local file: `pickle.dump(…)`, `json.dump(…)`, `df.to_csv(…)`, `open(path, "w")`, `writeFileSync(…)`. */
const PY_FILE_WRITE =
  /\b(?:pickle|pkl|json|joblib|np|numpy|yaml)\s*\.\s*(?:dump|save)\s*\(|\.to_(?:csv|json|parquet|excel|pickle|feather)\s*\(|\bopen\s*\([^()\n]*,\s*['"][wax]b?\+?['"]/;
const JS_FILE_WRITE =
  /\b(?:writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream|outputJson|writeJson)\s*\(/;

/**
 * The loop writes local files itself as it goes (`pickle.dump(done, open(…, "wb"))` after each
 * slice): a data job, wherever its function is called from (a notebook, another script).
 */
function writesFiles(ctx: FileContext, node: Node): string | undefined {
  const fn = enclosingFunction(node);
  const name = fn ? functionName(fn, ctx.text) : undefined;
  if (!fn || !name) {
    return undefined;
  }
  // (in the loop, or a loop around it in the function: saved as it goes)
  let outer = node;
  for (let n = up(node); n && n.startIndex > fn.startIndex; n = up(n)) {
    if (/^(?:for_statement|for_in_statement|while_statement)$/.test(kind(n))) {
      outer = n;
    }
  }
  const body = ctx.text.slice(outer.startIndex, endOf(outer));
  return (ctx.python ? PY_FILE_WRITE : JS_FILE_WRITE).test(body) || insideFileOpenedForWriting(ctx, outer, fn)
    ? `${name}(), whose loop writes its results to files`
    : undefined;
}

/** A pipeline state whose rows still wait for a step: `pending`, `queued`, `fetched`, `transcribed`, … */
const WAITING_STATE =
  '[\'"](?:pending|queued|new|todo|waiting|ready|unprocessed|fetched|downloaded|scraped|imported|ingested|transcribed|extracted)[\'"]';

/**
 * Selecting work from a store by a state that says it still waits: a repository method by
 * such a status (`repo.getEpisodesByStatus("fetched")`), a filter on a state column
 * (`.eq("status", "pending")`, `.eq('processed', false)`), on a missing output
 * (`.is('summary', null)`, `IS NULL`), a query's `where` on one (`where: { processed: false }`), or a
 * store's method named for those rows (`table.unscored()`, `store.pending()`).
 * (`.eq("status", "active")` selects what is live, not a backlog.)
 */
const BACKLOG_QUERY = new RegExp(
  String.raw`[a-z]By(?:Status|State)\s*\(\s*${WAITING_STATE}` +
    String.raw`|\.\s*(?:eq|filter|where|filter_by)\s*\(\s*['"](?:status|state)['"]\s*,\s*${WAITING_STATE}` +
    String.raw`|\.\s*(?:eq|filter|where|filter_by)\s*\(\s*['"](?:processed|is_processed|summarized|scored|enriched|done)['"]\s*,\s*(?:false|False|0)\b` +
    String.raw`|\.\s*is_?\s*\(\s*['"]\w+['"]\s*,\s*(?:null|None)\s*\)|\bIS\s+NULL\b` +
    String.raw`|\bwhere\s*:\s*\{\s*(?:(?:processed|is_processed)\s*:\s*false|(?:status|state)\s*:\s*${WAITING_STATE})` +
    // a store's method named for the rows still waiting: `store.pending()`, `table.unscored()`, `repo.get_unprocessed()`
    String.raw`|\.\s*(?:get|list|fetch|find|load|select|all)?_?(?:[Pp]ending|[Qq]ueued|[Uu]n(?:processed|scored|labell?ed|tagged|translated|summari[sz]ed|reviewed|enriched|graded|classified|described))\w*\s*\(`,
);

/** A function named for a job over the items still waiting: `enrichPending`, `process_unprocessed`, `backfillSummaries`. */
const PENDING_JOB = /(?:^|_|[a-z])(?:[Pp]ending|[Uu]nprocessed|[Bb]ackfill|[Bb]acklog)|^backfill/;
/**
 * A function named for a job over every item (`scrape_all_breweries`, `generateAllSectorBriefs`):
 * one only when it takes no parameters, so it loads the items itself (`process_all_pages(start,
 * end)` converts the pages of the document it is given, for someone who may be waiting).
 */
const ALL_JOB = /(?:^|_)all(?:_|$)|[a-z]All(?:[A-Z]|$)/;

/**
 * The loop's function, or a same-file function calling it, is a job over a store's backlog: it
 * selects the items from a store by their processing state (see {@link BACKLOG_QUERY}), or is
 * named for a job over the pending items or, taking no parameters, over all of them (see
 * {@link PENDING_JOB}, {@link ALL_JOB}). Such a job writes each answer back wherever it is
 * started from (a CLI, a cron, a webhook that returns at once, an admin's "run all" button);
 * nobody waits on one item's answer.
 */
function backlogJob(ctx: FileContext, node: Node): string | undefined {
  const fn = enclosingFunction(node);
  const name = fn ? functionName(fn, ctx.text) : undefined;
  if (!fn || !name || !/^[A-Za-z_$][\w$]*$/.test(name)) {
    return undefined;
  }
  const job = (f: Node, n: string): string | undefined =>
    endOf(f) - f.startIndex < 20_000 && BACKLOG_QUERY.test(ctx.textOf(f))
      ? "a job over a store's unprocessed rows"
      : PENDING_JOB.test(n) || (ALL_JOB.test(n) && takesNoParameters(ctx, f))
        ? 'named as a job over all or pending items'
        : undefined;
  const own = job(fn, name);
  if (own) {
    return `${name}() (${own})`;
  }
  for (const { start, paren } of ctx.callsOf(name).slice(0, 16)) {
    if ((start >= fn.startIndex && start < endOf(fn)) || ctx.inCommentOrString(start)) {
      continue;
    }
    const site = ctx.nodeAt(paren);
    const caller = site ? enclosingFunction(site) : null;
    const callerName = caller ? functionName(caller, ctx.text) : undefined;
    const why =
      caller && callerName && /^[A-Za-z_$][\w$]*$/.test(callerName) ? job(caller, callerName) : undefined;
    if (why) {
      return `${name}() (called by ${callerName}(), ${why})`;
    }
  }
  return undefined;
}

/** Whether a function declares no parameters (besides Python's `self` / `cls`). */
function takesNoParameters(ctx: FileContext, fn: Node): boolean {
  const params = fn.childForFieldName('parameters');
  return !!params && /^\(\s*(?:(?:self|cls)\s*,?\s*)?\)$/.test(ctx.textOf(params));
}

/** Opening a file for writing, with the handle's name: `open(path, "w") as out`, `open(p, mode="a") as f`. */
const PY_OPEN_FOR_WRITING =
  /\bopen\s*\([^()\n]*,\s*(?:mode\s*=\s*)?['"][wax]b?\+?['"][^()\n]*\)\s+as\s+([A-Za-z_]\w*)/;

/**
 * Whether a loop sits in `with open(path, "w") as out:` inside `fn` and writes through the
 * handle (`out.write(...)` per item): saved as it goes, as with a write in the loop itself.
 */
function insideFileOpenedForWriting(ctx: FileContext, loop: Node, fn: Node): boolean {
  for (let n = up(loop); n && ctx.python && n.startIndex > fn.startIndex; n = up(n)) {
    const body = kind(n) === 'with_statement' ? n.childForFieldName('body') : null;
    const handle = body
      ? PY_OPEN_FOR_WRITING.exec(ctx.text.slice(n.startIndex, body.startIndex))?.[1]
      : undefined;
    if (handle && new RegExp(`(?<![\\w.])${handle}\\b`).test(ctx.textOf(loop))) {
      return true;
    }
  }
  return false;
}

function reachedOffline(ctx: FileContext, node: Node): string | undefined {
  const fn = enclosingFunction(node);
  if (fn && spawnedWorker(ctx, fn)) {
    return reachedOffline(ctx, fn); // runs where the pool is started
  }
  if (!fn) {
    return ctx.python && /^\s*if\s+__name__\s*==/m.test(ctx.text)
      ? "the script's main block"
      : "a script's top level";
  }
  const why = entryFunction(ctx, fn);
  if (why) {
    return why;
  }
  // One level: a function called from an entry function or from the top level.
  const name = functionName(fn, ctx.text);
  if (!name || !/^[A-Za-z_$][\w$]*$/.test(name)) {
    return undefined;
  }
  for (const { start, paren } of [
    ...ctx.callsOf(name),
    ...instanceCalls(ctx, name),
    ...handedToRunner(ctx, name),
  ]) {
    if ((start >= fn.startIndex && start < endOf(fn)) || ctx.inCommentOrString(start)) {
      continue;
    }
    const site = ctx.nodeAt(paren);
    const caller = site ? enclosingFunction(site) : null;
    if (!caller) {
      return `${name}(), called from the script's top level`;
    }
    const callerWhy = entryFunction(ctx, caller);
    if (callerWhy) {
      return `${name}(), called from ${callerWhy}`;
    }
  }
  return deeperEntry(ctx, fn, name);
}

/**
 * Runners that call a function they are handed, now or on a worker: an executor's or a pool's
 * `submit` / `map` / `imap` / `starmap` / `apply_async`, `run_in_executor`, `asyncio.to_thread`
 * (also a pool spawn, {@link POOL_SPAWN}).
 */
const RUNNER =
  /^(?:submit|map|imap|imap_unordered|starmap|map_async|starmap_async|apply_async|run_in_executor|to_thread)$/;

/**
 * Where a function is handed by name to a runner that calls it (`ex.submit(summarize_voice, f)`,
 * `pool.map(label, rows)`, `loop.run_in_executor(None, work, x)`, `Thread(target=work)`,
 * `Array.from({ length: 4 }, worker)`): a call
 * of it made from where the runner is called. The first 16 uses of the name are read.
 */
function handedToRunner(ctx: FileContext, name: string): Array<{ start: number; paren: number }> {
  return ctx.memo(`batchable-handed:${name}`, () => {
    const out: Array<{ start: number; paren: number }> = [];
    for (const at of ctx.usesOf(name).slice(0, 16)) {
      if (ctx.text[at - 1] === '.' || ctx.inCommentOrString(at)) {
        continue;
      }
      let ref = ctx.nodeAt(at);
      let list = ref ? up(ref) : null;
      if (list && kind(list) === 'keyword_argument') {
        // (`Thread(target=work)`, `Process(target=work)`)
        const key = ctx.textOf(list.childForFieldName('name'));
        ref = key === 'target' ? list : null;
        list = ref ? up(list) : null;
      }
      const call = list && (kind(list) === 'argument_list' || kind(list) === 'arguments') ? up(list) : null;
      if (ref && call && runsHanded(ctx, call, kind(ref) === 'keyword_argument')) {
        out.push({ start: at, paren: at });
      }
    }
    return out;
  });
}

/** `Array.from({ length: n }, fn)`: a pool of `n` workers, each running `fn` at once. */
const POOL_SPAWN = /^Array\s*\.\s*from$/;

/** Whether a call runs a function it is handed (a runner, a thread's target, a pool spawn). */
function runsHanded(ctx: FileContext, call: Node, keyword: boolean): boolean {
  const fnNode = call.childForFieldName('function');
  const text = fnNode ? ctx.textOf(fnNode) : '';
  const runner = (text.split('.').pop() ?? '').trim();
  return keyword ? /^(?:Thread|Process)$/.test(runner) : RUNNER.test(runner) || POOL_SPAWN.test(text.trim());
}

/**
 * An anonymous function handed to a runner that starts it where it is written: the workers of
 * a pool (`Array.from({ length: CONCURRENCY }, async () => { while (queue.length) … })`), a
 * thunk run on an executor. It runs when the function around it does.
 */
function spawnedWorker(ctx: FileContext, fn: Node): boolean {
  if (functionName(fn, ctx.text)) {
    return false;
  }
  let list = up(fn);
  const keyword = !!list && kind(list) === 'keyword_argument';
  if (keyword) {
    list = ctx.textOf(list?.childForFieldName('name')) === 'target' ? up(list as Node) : null;
  }
  const call = list && (kind(list) === 'argument_list' || kind(list) === 'arguments') ? up(list) : null;
  return !!call && runsHanded(ctx, call, keyword);
}

/**
 * The worker a fan-out's loop runs in when a pool starts it inside another function: an
 * anonymous one handed to the pool where it is written (`Array.from({ length: 4 }, async () =>
 * { while (queue.length) … })`), or a nested function handed to a runner only there
 * (`threading.Thread(target=worker)` in `main`). What the function starting the pool does
 * before and after it (the list taken, the file written) is the fan-out's. Null otherwise.
 */
export function poolWorker(ctx: FileContext, construct: Node): Node | null {
  const fn = enclosingFunction(construct);
  if (!fn) {
    return null;
  }
  if (spawnedWorker(ctx, fn)) {
    return fn;
  }
  const name = functionName(fn, ctx.text);
  const parent = enclosingFunction(fn);
  if (!parent || !name || !/^[A-Za-z_$][\w$]*$/.test(name)) {
    return null;
  }
  const inParent = (at: number): boolean => at >= parent.startIndex && at < endOf(parent);
  const handed = handedToRunner(ctx, name);
  return handed.length > 0 && handed.every((h) => inParent(h.start)) ? fn : null;
}

/** Named callers followed (through anonymous functions: `() => worker()`) to an entry function. */
const MAX_ENTRY_HOPS = 3;

/**
 * An entry function (or the top level) two or three calls above a function, through the
 * named functions around its call sites (`worker()` in `Array.from(…, () => worker())` inside
 * `processConcurrent`, which `main()` calls). At most 16 call sites a hop.
 */
function deeperEntry(ctx: FileContext, fn: Node, name: string): string | undefined {
  let frontier = [{ fn, name }];
  const seen = new Set<number>([fn.startIndex]);
  for (let hop = 0; hop < MAX_ENTRY_HOPS && frontier.length > 0; hop++) {
    const next: Array<{ fn: Node; name: string }> = [];
    for (const f of frontier) {
      for (const { start, paren } of [...ctx.callsOf(f.name), ...handedToRunner(ctx, f.name)].slice(0, 16)) {
        if ((start >= f.fn.startIndex && start < endOf(f.fn)) || ctx.inCommentOrString(start)) {
          continue;
        }
        let caller = enclosingFunction(ctx.nodeAt(paren) ?? f.fn);
        while (caller && !functionName(caller, ctx.text)) {
          caller = enclosingFunction(caller); // (through `() => worker()`)
        }
        if (!caller) {
          return hop > 0 ? `${name}(), reached from the script's top level` : undefined;
        }
        const callerName = functionName(caller, ctx.text);
        const why =
          hop > 0 || caller !== enclosingFunction(ctx.nodeAt(paren) ?? f.fn)
            ? entryFunction(ctx, caller)
            : undefined;
        if (why) {
          return `${name}(), reached from ${why}`;
        }
        if (callerName && /^[A-Za-z_$][\w$]*$/.test(callerName) && !seen.has(caller.startIndex)) {
          seen.add(caller.startIndex);
          next.push({ fn: caller, name: callerName });
        }
      }
    }
    frontier = next;
  }
  return undefined;
}

/**
 * `main`, a function the top level calls, or a CLI command. Read once per function: callers ask
 * it of every function around each call site, and a file may repeat a name many times.
 */
function entryFunction(ctx: FileContext, fn: Node): string | undefined {
  return ctx.memo(`batchable-entry:${fn.startIndex}`, () => findEntry(ctx, fn));
}

function findEntry(ctx: FileContext, fn: Node): string | undefined {
  if (topLevelIife(fn)) {
    return "the script's top-level async function (run at once)";
  }
  const name = functionName(fn, ctx.text);
  if (name && ENTRY_NAMES.test(name)) {
    return `${name}()`;
  }
  // A click/typer command: a decorator line right above the def.
  if (ctx.python) {
    const decorated = up(fn);
    if (decorated && kind(decorated) === 'decorated_definition') {
      for (const line of ctx.textOf(decorated).split('\n')) {
        if (/^\s*(?:async\s+)?def\b/.test(line)) {
          break;
        }
        if (PY_COMMAND.test(line)) {
          return `the CLI command ${name ?? ''}()`.trim();
        }
      }
    }
  } else {
    // commander/yargs: `.action(async (...) => {...})`, `handler: async (argv) => {...}`.
    const before = ctx.text.slice(Math.max(0, fn.startIndex - 40), fn.startIndex);
    if (/\.action\s*\(\s*$/.test(before) || /\bhandler\s*:\s*$/.test(before)) {
      return 'a CLI command handler';
    }
  }
  if (!name) {
    return undefined;
  }
  // Handed to a CLI runner: `fire.Fire(process_experiment)`, `typer.run(main)`.
  if (ctx.python && /^[A-Za-z_]\w*$/.test(name) && cliRunner(ctx).has(name)) {
    return `the CLI command ${name}()`;
  }
  // Called at the top level: `main()`, `main().catch(...)`, `asyncio.run(main())`.
  for (const { start } of ctx.callsOf(name, false)) {
    if ((start >= fn.startIndex && start < endOf(fn)) || ctx.inCommentOrString(start)) {
      continue;
    }
    const site = ctx.nodeAt(start);
    if (site && !enclosingFunction(site) && !isDefinition(ctx, start)) {
      return `${name}(), which the script runs`;
    }
  }
  return undefined;
}

/** Functions handed to a CLI runner (`fire.Fire(f)`, `typer.run(f)`), read once per file. */
function cliRunner(ctx: FileContext): Set<string> {
  return ctx.memo('batchable-cli-runner', () => {
    const out = new Set<string>();
    for (const m of ctx.scan(/\b(?:fire\s*\.\s*Fire|Fire|typer\s*\.\s*run)\s*\(\s*([A-Za-z_]\w*)\s*[,)]/g)) {
      out.add(m[1]);
    }
    return out;
  });
}

function isDefinition(ctx: FileContext, at: number): boolean {
  const lineStart = ctx.text.lastIndexOf('\n', at - 1) + 1;
  return /(?:\bdef|\bfunction\*?)\s*$/.test(ctx.text.slice(lineStart, at));
}

/**
 * A function expression run where it is written at the top level of a script: `(async () => { … })()`,
 * `(async function () { … })().catch(…)`, `void (async () => …)()`. It is the script's body, as `main()` is.
 */
function topLevelIife(fn: Node): boolean {
  if (!/^(?:arrow_function|function_expression|function)$/.test(kind(fn))) {
    return false;
  }
  let held: Node = fn;
  while (up(held) && kind(up(held) as Node) === 'parenthesized_expression') {
    held = up(held) as Node;
  }
  const call = up(held);
  return (
    held !== fn &&
    !!call &&
    kind(call) === 'call_expression' &&
    call.childForFieldName('function')?.startIndex === held.startIndex &&
    !enclosingFunction(call)
  );
}
