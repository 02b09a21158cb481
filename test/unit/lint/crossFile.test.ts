/**
 * Cross-file facts (issue 18): retry wrappers imported from the project's own modules. Each
 * folder of test/fixtures/projects is a small project; every source file in it is linted with
 * a `ModuleIndex` rooted at the folder, and its markers say what must be found.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Finding, languageForPath } from '../../../src/core/lint';
import { ModuleIndex } from '../../../src/core/lint/project/moduleIndex';
import { type ModuleHost, resolveJs, resolvePython } from '../../../src/core/lint/project/resolve';
import { readIfExists } from '../../../src/core/files/readIfExists';
import { fixturesDir, getEngine, markers } from './helpers';
import { fixesFor } from '../../../src/core/fix';
import { withFixContext } from '../fix/helpers';

const PROJECTS = path.resolve(fixturesDir, '../projects');

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && languageForPath(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

async function lintInProject(project: string, file: string, withModules = true): Promise<Finding[]> {
  const engine = await getEngine();
  const root = path.join(PROJECTS, project);
  const index = new ModuleIndex({ root, read: readIfExists }, (t, l, p) => engine.summarize(t, l, p));
  const text = fs.readFileSync(file, 'utf8');
  const errors: string[] = [];
  const findings = engine.lint(text, languageForPath(file)!, {
    path: path.relative(root, file),
    onRuleError: (rule, err) => errors.push(`${rule}: ${String(err)}`),
    ...(withModules && { modules: index.forFile(file, file.endsWith('.py')) }),
  });
  assert.deepEqual(errors, [], `${file}: a rule threw`);
  return findings;
}

/** An in-memory project for the resolver. */
function memoryHost(root: string, files: Record<string, string>): ModuleHost & { reads: string[] } {
  const reads: string[] = [];
  return {
    root,
    reads,
    read(file: string) {
      reads.push(file);
      const rel = path.relative(root, file).split(path.sep).join('/');
      return Object.hasOwn(files, rel) ? files[rel] : undefined;
    },
  };
}

describe('cross-file facts: imported retry wrappers (test/fixtures/projects)', () => {
  for (const project of fs.readdirSync(PROJECTS).sort()) {
    for (const file of sourceFiles(path.join(PROJECTS, project))) {
      const rel = path.relative(PROJECTS, file);
      it(`finds exactly the marked findings in ${rel}`, async () => {
        const text = fs.readFileSync(file, 'utf8');
        const expected = markers(text).map((m) => `${m.line}:${m.rule}`);
        const actual = (await lintInProject(project, file)).map((f) => `${f.range.start.line + 1}:${f.rule}`);
        assert.deepEqual(actual.sort(), expected.sort());
      });
    }
  }

  it('reads nothing of the project without `modules` (the single-file lint stays as it was)', async () => {
    const file = path.join(PROJECTS, 'ts-imported-wrapper-fixed-wait/src/app/summarize.ts');
    assert.deepEqual(await lintInProject('ts-imported-wrapper-fixed-wait', file, false), []);
  });

  it('says where the wrapper is and offers no fix in the importing file', async () => {
    const project = 'py-imported-decorator-factory';
    const file = path.join(PROJECTS, project, 'app/llm.py');
    const [finding] = await lintInProject(project, file);
    assert.match(
      finding.message,
      /^`retry_on_error` retries classify\(\) after a fixed 5 s wait;.*Its decorator factory is retry_on_error\(\) in utils\/retry\.py \(line 6\): fix the wait there\./s,
    );
    const text = fs.readFileSync(file, 'utf8');
    const actions = await withFixContext(text, 'python', {}, (_found, ctx) => fixesFor(finding, ctx));
    assert.deepEqual(actions, []);
  });

  it('reports one application per imported wrapper and file, naming the others', async () => {
    const project = 'ts-imported-wrapper-alias-applied-twice';
    const [finding] = await lintInProject(project, path.join(PROJECTS, project, 'app/brief.ts'));
    assert.match(finding.message, /It wraps Claude calls on line 15 of this file too\./);
  });

  it('counts the requests a function of another module sends per item, from its summary', async () => {
    const project = 'ts-batchable-loop-over-imported-two-stage-function';
    const [finding] = await lintInProject(project, path.join(PROJECTS, project, 'scripts/review-all.ts'));
    assert.match(
      finding.message,
      /This loop in main\(\) sends up to 2 Claude requests per item and stores the results\./,
    );
  });

  it('names the fixed wait and the module of a JS wrapper', async () => {
    const project = 'ts-imported-wrapper-fixed-wait';
    const [finding] = await lintInProject(project, path.join(PROJECTS, project, 'src/app/notes.ts'));
    assert.match(finding.message, /^`retrying` retries draftNote\(\) after a fixed 2 s wait;/);
    assert.match(
      finding.message,
      /It is withRetry\(\) in src\/lib\/retry\.ts \(line 4\): fix the wait there\./,
    );
  });
});

describe('cross-file facts: module resolution', () => {
  const root = path.resolve('/project');
  const at = (rel: string): string => path.join(root, rel);

  it('JS: relative paths, the TypeScript file behind a `.js` specifier, folders with an index', () => {
    const host = memoryHost(root, {
      'src/lib/retry.ts': '',
      'src/lib/http/index.js': '',
      'src/app/page.tsx': '',
    });
    assert.equal(resolveJs(host, at('src/app/page.tsx'), '../lib/retry'), at('src/lib/retry.ts'));
    assert.equal(resolveJs(host, at('src/app/page.tsx'), '../lib/retry.js'), at('src/lib/retry.ts'));
    assert.equal(resolveJs(host, at('src/app/page.tsx'), '../lib/http'), at('src/lib/http/index.js'));
    assert.equal(resolveJs(host, at('src/app/page.tsx'), '../lib/missing'), undefined);
    assert.equal(resolveJs(host, at('src/app/page.tsx'), 'p-retry'), undefined);
  });

  it('JS: tsconfig `paths` (with comments and trailing commas), or `@/` at the root or src/ without one', () => {
    const withConfig = memoryHost(root, {
      'tsconfig.json':
        '{\n  // aliases\n  "compilerOptions": { "baseUrl": ".", "paths": { "~lib/*": ["./packages/lib/*"], }, },\n}',
      'packages/lib/retry.ts': '',
      'app/page.ts': '',
    });
    assert.equal(resolveJs(withConfig, at('app/page.ts'), '~lib/retry'), at('packages/lib/retry.ts'));
    const without = memoryHost(root, { 'src/lib/retry.ts': '', 'src/app/page.ts': '' });
    assert.equal(resolveJs(without, at('src/app/page.ts'), '@/lib/retry'), at('src/lib/retry.ts'));
  });

  it('Python: relative modules by their dots, absolute ones from the folders up to the root, packages', () => {
    const host = memoryHost(root, {
      'app/services/llm.py': '',
      'app/services/retry.py': '',
      'app/utils/__init__.py': '',
      'app/utils/backoff.py': '',
      'common/net.py': '',
    });
    const from = at('app/services/llm.py');
    assert.equal(resolvePython(host, from, '.retry'), at('app/services/retry.py'));
    assert.equal(resolvePython(host, from, '..utils.backoff'), at('app/utils/backoff.py'));
    assert.equal(resolvePython(host, from, '..utils'), at('app/utils/__init__.py'));
    assert.equal(resolvePython(host, from, 'common.net'), at('common/net.py'));
    assert.equal(resolvePython(host, from, 'app.utils.backoff'), at('app/utils/backoff.py'));
    assert.equal(resolvePython(host, from, 'tenacity'), undefined);
  });

  it("JS: a monorepo's workspace packages, by their manifests (entry, built entry's source, subpath)", () => {
    const host = memoryHost(root, {
      'package.json': JSON.stringify({ workspaces: { packages: ['packages/*'] } }),
      'packages/retry/package.json': JSON.stringify({ name: '@acme/retry', main: 'dist/index.js' }),
      'packages/retry/src/index.ts': '',
      'packages/retry/src/backoff.ts': '',
      'packages/odd-folder/package.json': JSON.stringify({ name: '@acme/other', main: 'index.js' }),
      'packages/odd-folder/index.js': '',
      'packages/other/package.json': JSON.stringify({ name: '@acme/not-other' }),
      'packages/other/index.js': '',
      'apps/web/page.ts': '',
    });
    const from = at('apps/web/page.ts');
    assert.equal(resolveJs(host, from, '@acme/retry'), at('packages/retry/src/index.ts'));
    assert.equal(resolveJs(host, from, '@acme/retry/backoff'), at('packages/retry/src/backoff.ts'));
    // (the folder is found from the name, and must be the package of that name)
    assert.equal(resolveJs(host, from, '@acme/other'), undefined);
    assert.equal(resolveJs(host, from, 'p-retry'), undefined);
    const pnpm = memoryHost(root, {
      'pnpm-workspace.yaml': "packages:\n  - 'libs/*' # shared code\n  - '!libs/legacy'\n",
      'libs/kit/package.json': JSON.stringify({
        name: 'kit',
        exports: { '.': { import: './dist/kit.mjs' } },
      }),
      'libs/kit/src/kit.mts': '',
      'app.ts': '',
    });
    assert.equal(resolveJs(pnpm, at('app.ts'), 'kit'), at('libs/kit/src/kit.mts'));
    // With no workspace list at hand, the conventional folders (still checked by name).
    const bare = memoryHost(root, {
      'packages/kit/package.json': JSON.stringify({ name: '@x/kit', types: './src/index.ts' }),
      'packages/kit/src/index.ts': '',
      'app.ts': '',
    });
    assert.equal(resolveJs(bare, at('app.ts'), '@x/kit'), at('packages/kit/src/index.ts'));
    // An app's `@/` alias with no tsconfig at hand: from the app's folder (its package.json), or a folder above the file.
    const apps = memoryHost(root, {
      'apps/shop/package.json': '{}',
      'apps/shop/src/lib/retry.ts': '',
      'apps/shop/src/app/api/route.ts': '',
      'apps/admin/src/lib/retry.ts': '',
      'apps/admin/src/app/page.ts': '',
    });
    assert.equal(
      resolveJs(apps, at('apps/shop/src/app/api/route.ts'), '@/lib/retry'),
      at('apps/shop/src/lib/retry.ts'),
    );
    assert.equal(
      resolveJs(apps, at('apps/admin/src/app/page.ts'), '@/lib/retry'),
      at('apps/admin/src/lib/retry.ts'),
    );
  });

  it('never reads outside the project root', () => {
    const host = memoryHost(root, { 'app/llm.py': '', 'app/page.ts': '' });
    resolveJs(host, at('app/page.ts'), '../../etc/passwd');
    resolveJs(host, at('app/page.ts'), '/../../outside/retry');
    resolvePython(host, at('app/llm.py'), '....outside.retry');
    resolveJs(host, at('app/page.ts'), '@../outside');
    resolveJs(host, at('app/page.ts'), '..');
    const outside = host.reads.filter((f) => path.relative(root, f).startsWith('..'));
    assert.deepEqual(outside, []);
  });
});
