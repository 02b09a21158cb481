/**
 * Lint engine benchmark (issue #3):
 *  (a) re-lint after a one-character edit with incremental reparse, 2,000-line TS and Python files;
 *  (b) full analysis time per file next to the bare tree-sitter parse of the same file;
 *  (c) whole-folder CLI scan throughput on all cores vs single-core parse throughput;
 *  (d) Headroom vs ESLint running a comparable no-restricted-syntax rule on the same TS files.
 * Inputs are generated (seeded, so every run sees the same code) in a temp dir from realistic
 * application code templates mixed with the lint corpus' Claude API snippets.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { type LintDocument, LintEngine, type LintLanguage } from '../../src/core/lint';
import { createParser, loadGrammar, type Parser } from '../../src/core/parse/treeSitter';
import type { BenchSection } from './bench';
import { cpuTime, mark, median, ms } from './stats';

const root = path.resolve(__dirname, '../../..');
const grammarDir = path.join(root, 'out', 'grammars');
const cliPath = path.join(root, 'dist', 'cli.js');
const corpusDir = path.join(root, 'test', 'fixtures', 'lint');

export type Lang = 'ts' | 'py';

// ---- deterministic generation ---------------------------------------------------------

/** mulberry32: a small seeded PRNG so every run benchmarks the same code. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOUNS = [
  'order',
  'invoice',
  'customer',
  'ticket',
  'report',
  'account',
  'shipment',
  'review',
  'session',
  'document',
];
const VERBS = [
  'load',
  'save',
  'sync',
  'render',
  'validate',
  'normalize',
  'merge',
  'index',
  'export',
  'score',
];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

/** Ordinary TypeScript application code (no Claude API), in varied shapes. */
function tsBlock(r: () => number, i: number): string {
  const n = pick(r, NOUNS);
  const v = pick(r, VERBS);
  const N = cap(n);
  switch (i % 5) {
    case 0:
      return `export interface ${N}${i} {
  id: string;
  createdAt: Date;
  tags: string[];
  total: number;
  status: 'open' | 'closed' | 'pending';
}

export function ${v}${N}s${i}(items: ${N}${i}[], minTotal = ${Math.floor(r() * 100)}): ${N}${i}[] {
  return items
    .filter((item) => item.total >= minTotal && item.status !== 'closed')
    .map((item) => ({ ...item, tags: [...new Set(item.tags.map((t) => t.trim().toLowerCase()))] }))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}
`;
    case 1:
      return `export class ${N}Service${i} {
  private readonly cache = new Map<string, ${N}Record${i}>();
  private hits = 0;

  constructor(private readonly baseUrl: string, private readonly timeoutMs = ${1000 + Math.floor(r() * 9000)}) {}

  async get(id: string): Promise<${N}Record${i} | undefined> {
    const cached = this.cache.get(id);
    if (cached) {
      this.hits++;
      return cached;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const res = await fetch(\`\${this.baseUrl}/${n}s/\${encodeURIComponent(id)}\`, { signal: controller.signal });
      if (!res.ok) {
        throw new Error(\`${n} \${id}: HTTP \${res.status}\`);
      }
      const record = (await res.json()) as ${N}Record${i};
      this.cache.set(id, record);
      return record;
    } catch (err) {
      console.warn('${v} failed', err);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  stats(): { size: number; hits: number } {
    return { size: this.cache.size, hits: this.hits };
  }
}

interface ${N}Record${i} {
  id: string;
  name: string;
  amount: number;
}
`;
    case 2:
      return `export function summarize${N}${i}(rows: Array<{ key: string; value: number }>): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const row of rows) {
    totals[row.key] = (totals[row.key] ?? 0) + row.value;
  }
  const entries = Object.entries(totals).sort(([, a], [, b]) => b - a);
  return Object.fromEntries(entries.slice(0, ${5 + Math.floor(r() * 20)}));
}

export const format${N}${i} = (value: number, currency = 'EUR'): string =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(value);
`;
    case 3:
      return `type ${N}Action${i} =
  | { type: 'add'; id: string; amount: number }
  | { type: 'remove'; id: string }
  | { type: 'reset' };

export function ${n}Reducer${i}(state: Map<string, number>, action: ${N}Action${i}): Map<string, number> {
  const next = new Map(state);
  switch (action.type) {
    case 'add':
      next.set(action.id, (next.get(action.id) ?? 0) + action.amount);
      break;
    case 'remove':
      next.delete(action.id);
      break;
    case 'reset':
      next.clear();
      break;
  }
  return next;
}
`;
    default:
      return `export async function handle${N}Request${i}(req: { params: Record<string, string>; body: unknown }) {
  const id = req.params.id;
  if (!/^[a-z0-9-]{3,40}$/.test(id)) {
    return { status: 400, body: { error: 'invalid id' } };
  }
  const payload = typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
  const changes = Object.keys(payload).filter((k) => !k.startsWith('_'));
  await Promise.all(changes.map(async (k) => audit${i}(id, k)));
  return { status: 200, body: { id, changed: changes.length } };
}

async function audit${i}(id: string, field: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  void id;
  void field;
}
`;
  }
}

/** Ordinary Python application code (no Claude API). */
function pyBlock(r: () => number, i: number): string {
  const n = pick(r, NOUNS);
  const v = pick(r, VERBS);
  const N = cap(n);
  switch (i % 5) {
    case 0:
      return `@dataclass
class ${N}${i}:
    id: str
    total: float = 0.0
    tags: list[str] = field(default_factory=list)
    status: str = "open"

    def is_active(self) -> bool:
        return self.status != "closed" and self.total > ${Math.floor(r() * 100)}

    def normalized_tags(self) -> list[str]:
        return sorted({t.strip().lower() for t in self.tags if t.strip()})

`;
    case 1:
      return `def ${v}_${n}s_${i}(rows: list[dict], min_total: float = ${Math.floor(r() * 50)}.0) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    for row in rows:
        key = row.get("key") or "unknown"
        try:
            totals[key] += float(row["value"])
        except (KeyError, ValueError) as exc:
            logger.warning("skipping row %s: %s", row, exc)
    return {k: v for k, v in sorted(totals.items(), key=lambda kv: -kv[1]) if v >= min_total}

`;
    case 2:
      return `class ${N}Repository${i}:
    def __init__(self, path: Path, timeout: float = ${(1 + r() * 9).toFixed(1)}) -> None:
        self.path = path
        self.timeout = timeout
        self._cache: dict[str, dict] = {}

    def get(self, key: str) -> dict | None:
        if key in self._cache:
            return self._cache[key]
        file = self.path / f"{key}.json"
        if not file.exists():
            return None
        with file.open("r", encoding="utf-8") as fh:
            data = json.load(fh)
        self._cache[key] = data
        return data

    def save(self, key: str, value: dict) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        (self.path / f"{key}.json").write_text(json.dumps(value, indent=2))
        self._cache[key] = value

`;
    case 3:
      return `async def fetch_${n}_${i}(session, ids: list[str]) -> list[dict]:
    results = []
    for chunk_start in range(0, len(ids), 10):
        chunk = ids[chunk_start : chunk_start + 10]
        async with session.get("/${n}s", params={"ids": ",".join(chunk)}) as resp:
            resp.raise_for_status()
            payload = await resp.json()
        results.extend(item for item in payload["items"] if item.get("visible", True))
    return results

`;
    default:
      return `def parse_args_${i}(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="${v} ${n}s")
    parser.add_argument("--input", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=${10 + Math.floor(r() * 90)})
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    if args.limit <= 0:
        parser.error("--limit must be positive")
    return args

`;
  }
}

/** The corpus' Claude API snippets for a language (header comment removed). */
function claudeSnippets(lang: Lang): string[] {
  const dir = path.join(corpusDir, lang === 'ts' ? 'ts' : 'python');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(lang === 'ts' ? '.ts' : '.py') && !f.startsWith('syntax-error'))
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n').slice(1).join('\n'));
}

const PY_PRELUDE =
  'import argparse\nimport json\nimport logging\nfrom collections import defaultdict\nfrom dataclasses import dataclass, field\nfrom pathlib import Path\n\nlogger = logging.getLogger(__name__)\n\n';

/**
 * A source file of about `lines` lines: application code with a Claude snippet every
 * `claudeEvery` blocks (0: none). Cut at a block boundary, padded to exactly `lines`.
 */
export function generate(lang: Lang, lines: number, seed: number, claudeEvery: number): string {
  const r = rng(seed);
  const snippets = claudeSnippets(lang);
  const parts: string[] = lang === 'py' ? [PY_PRELUDE] : [];
  let count = parts.join('').split('\n').length;
  for (let i = 0; ; i++) {
    const block =
      claudeEvery > 0 && i % claudeEvery === claudeEvery - 1
        ? `${pick(r, snippets)}\n`
        : lang === 'ts'
          ? tsBlock(r, i + seed)
          : pyBlock(r, i + seed);
    const blockLines = block.split('\n').length - 1;
    if (count + blockLines > lines) {
      break;
    }
    parts.push(block);
    count += blockLines;
  }
  let text = parts.join('');
  const comment = lang === 'ts' ? '//' : '#';
  while (text.split('\n').length <= lines) {
    text += `${comment} end of module\n`;
  }
  return text.split('\n').slice(0, lines).join('\n');
}

// ---- measurement ---------------------------------------------------------------------------

/** Edits measured in (a), and the edits made before them (see `typeAndDelete`). */
const EDIT_PAIRS = 60;
const WARM_UP_PAIRS = 60;

/**
 * Types an x at a random place of the text and deletes it, `pairs` times, re-linting after each
 * edit through the keystroke path: the CPU time of each edit and re-lint.
 */
function typeAndDelete(doc: LintDocument, text: string, r: () => number, pairs: number): number[] {
  const samples: number[] = [];
  for (let i = 0; i < pairs; i++) {
    const at = Math.floor(r() * text.length);
    for (const change of [
      { rangeOffset: at, rangeLength: 0, text: 'x' },
      { rangeOffset: at, rangeLength: 1, text: '' },
    ]) {
      samples.push(
        cpuTime(() => {
          doc.update([change]);
          doc.lintNow();
        }),
      );
    }
  }
  return samples;
}

function lineCount(text: string): number {
  return text.split('\n').length;
}

const LANGUAGE: Record<Lang, LintLanguage> = { ts: 'typescript', py: 'python' };

export const lintBench: BenchSection = {
  name: 'lint',
  async run(log) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-bench-'));
    try {
      await runLintBench(tmp, log);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  },
};

async function runLintBench(tmp: string, log: (line: string) => void): Promise<void> {
  const engine = await LintEngine.create(grammarDir);
  const parsers: Record<Lang, Parser> = {
    ts: await createParser(grammarDir, await loadGrammar(grammarDir, 'typescript')),
    py: await createParser(grammarDir, await loadGrammar(grammarDir, 'python')),
  };
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  log(
    `machine: ${cores} cores, Node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  // The 2,000-line inputs: application code with a Claude snippet every 5th block.
  const files: Record<Lang, string> = { ts: generate('ts', 2000, 11, 5), py: generate('py', 2000, 23, 5) };
  for (const lang of ['ts', 'py'] as const) {
    fs.writeFileSync(path.join(tmp, `module-2000.${lang}`), files[lang]);
  }

  // (a) incremental re-lint after a one-character edit
  log('');
  log(
    '(a) re-lint after a one-character edit (the keystroke path: incremental reparse, LintDocument.lintNow), CPU time, target <= 5 ms',
  );
  log(
    `  (an x typed at a random place and deleted, ${EDIT_PAIRS} times; measured after ${WARM_UP_PAIRS} such edits elsewhere, as in an editor where one has been typing: the first edits after opening also pay for compiling the analysis, shown apart)`,
  );
  for (const lang of ['ts', 'py'] as const) {
    const text = files[lang];
    const doc = engine.openDocument(LANGUAGE[lang], text);
    const findings = doc.lint().length;
    const cold = typeAndDelete(doc, text, rng(3), WARM_UP_PAIRS);
    const samples = typeAndDelete(doc, text, rng(7), EDIT_PAIRS);
    doc.dispose();
    const m = median(samples);
    log(
      `  ${lang === 'ts' ? 'TypeScript' : 'Python    '} 2,000 lines (${findings} findings): median ${ms(m)}  ${mark(m <= 5)}  (the first ${WARM_UP_PAIRS * 2} edits after opening: median ${ms(median(cold))})`,
    );
  }

  // (b) full analysis vs bare parse
  log('');
  log(
    '(b) full analysis (parse + all rules) vs bare tree-sitter parse of the same file, CPU time, target <= 1.3x',
  );
  const compare = (lang: Lang, text: string, label: string, target: boolean): void => {
    const parse: number[] = [];
    const full: number[] = [];
    for (let i = 0; i < 5; i++) {
      parsers[lang].parse(text)?.delete();
      engine.lint(text, LANGUAGE[lang]);
    }
    for (let i = 0; i < 40; i++) {
      parse.push(cpuTime(() => parsers[lang].parse(text)?.delete()));
      full.push(cpuTime(() => engine.lint(text, LANGUAGE[lang])));
    }
    const ratio = median(full) / median(parse);
    log(
      `  ${label}: analysis ${ms(median(full))} vs parse ${ms(median(parse))} = ${ratio.toFixed(2)}x` +
        (target ? `  ${mark(ratio <= 1.3)}` : '  (worst case, for information)'),
    );
  };
  compare('ts', files.ts, 'TypeScript 2,000 lines', true);
  compare('py', files.py, 'Python     2,000 lines', true);
  compare('ts', generate('ts', 2000, 31, 1), 'TypeScript 2,000 lines of nothing but Claude snippets', false);
  compare('py', generate('py', 2000, 37, 1), 'Python     2,000 lines of nothing but Claude snippets', false);

  // (c) whole-folder CLI scan on all cores vs single-core parse throughput
  log('');
  log(
    `(c) whole-folder CLI scan on all ${cores} cores vs single-core bare parse throughput, target >= 1.5x on 2 cores`,
  );
  const folders: Array<{ name: string; dir: string; sdkShare: number }> = [
    { name: 'project (1 file in 3 uses the SDK)', dir: path.join(tmp, 'project'), sdkShare: 3 },
    { name: 'every file uses the SDK', dir: path.join(tmp, 'all-sdk'), sdkShare: 1 },
  ];
  for (const folder of folders) {
    const texts: Array<{ lang: Lang; text: string }> = [];
    for (let i = 0; i < 400; i++) {
      const lang: Lang = i % 2 ? 'py' : 'ts';
      const lines = 300 + ((i * 137) % 700);
      const text = generate(lang, lines, 1000 + i, i % folder.sdkShare === 0 ? 4 : 0);
      const dir = path.join(folder.dir, `pkg${i % 20}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `mod${i}.${lang}`), text);
      texts.push({ lang, text });
    }
    const totalLines = texts.reduce((n, f) => n + lineCount(f.text), 0);
    const parseRuns: number[] = [];
    for (let run = 0; run < 3; run++) {
      const t = performance.now();
      for (const f of texts) {
        parsers[f.lang].parse(f.text)?.delete();
      }
      parseRuns.push(performance.now() - t);
    }
    const parseRate = totalLines / (median(parseRuns) / 1000);
    const cli = (jobs: number | undefined): number => {
      const runs: number[] = [];
      for (let run = 0; run < 3; run++) {
        const t = performance.now();
        const res = spawnSync(
          process.execPath,
          [cliPath, 'lint', folder.dir, '--format', 'json', ...(jobs ? ['--jobs', String(jobs)] : [])],
          {
            encoding: 'utf8',
            maxBuffer: 256 * 1024 * 1024,
          },
        );
        runs.push(performance.now() - t);
        if (res.status !== 0 && res.status !== 1) {
          throw new Error(`CLI failed (${res.status}): ${res.stderr}`);
        }
      }
      return totalLines / (median(runs) / 1000);
    };
    const all = cli(undefined);
    const one = cli(1);
    const ratio = all / parseRate;
    log(`  ${folder.name}: ${texts.length} files, ${totalLines.toLocaleString('en-US')} lines`);
    log(`    single-core bare parse:  ${Math.round(parseRate).toLocaleString('en-US')} lines/s`);
    log(
      `    CLI scan, 1 thread:      ${Math.round(one).toLocaleString('en-US')} lines/s (process start included)`,
    );
    log(
      `    CLI scan, all cores:     ${Math.round(all).toLocaleString('en-US')} lines/s = ${ratio.toFixed(2)}x  ${mark(ratio >= 1.5)}`,
    );
  }

  // (d) ESLint with a comparable selector rule on the same TypeScript files
  log('');
  log(
    '(d) Headroom vs ESLint 9 + typescript-eslint parser running no-restricted-syntax on the same TS files, target >= 6x faster',
  );
  const tsTexts = [
    files.ts,
    ...Array.from({ length: 19 }, (_, i) => generate('ts', 300 + i * 40, 500 + i, 4)),
  ];
  const eslintDir = path.join(tmp, 'eslint');
  fs.mkdirSync(eslintDir, { recursive: true });
  const eslint = new ESLint({
    cwd: eslintDir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        rules: {
          'no-restricted-syntax': [
            'warn',
            {
              selector:
                "CallExpression[callee.property.name=/^(create|stream)$/][callee.object.property.name='messages']",
              message: 'Claude API call',
            },
            {
              selector:
                "CallExpression[callee.object.name='Promise'][callee.property.name=/^(all|allSettled|any|race)$/] > CallExpression[callee.property.name='map']",
              message: 'fan-out',
            },
            { selector: 'Literal[value=/sk-ant-/]', message: 'API key' },
          ],
        },
      },
    ],
  });
  const eslintRun = async (): Promise<number> => {
    const t = performance.now();
    for (let i = 0; i < tsTexts.length; i++) {
      await eslint.lintText(tsTexts[i], { filePath: path.join(eslintDir, `f${i}.ts`) });
    }
    return performance.now() - t;
  };
  const headroomRun = (): number => {
    const t = performance.now();
    for (const text of tsTexts) {
      engine.lint(text, 'typescript');
    }
    return performance.now() - t;
  };
  await eslintRun();
  headroomRun();
  const eslintTimes: number[] = [];
  const headroomTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    eslintTimes.push(await eslintRun());
    headroomTimes.push(headroomRun());
  }
  const lines = tsTexts.reduce((n, t) => n + lineCount(t), 0);
  const speedup = median(eslintTimes) / median(headroomTimes);
  log(`  ${tsTexts.length} files, ${lines.toLocaleString('en-US')} lines, all using the SDK`);
  log(`    ESLint:   ${ms(median(eslintTimes))}`);
  log(`    Headroom: ${ms(median(headroomTimes))} = ${speedup.toFixed(1)}x faster  ${mark(speedup >= 6)}`);
  engine.dispose();
}
