import type { Node } from '../../parse/treeSitter';
import type { FileContext } from '../context';
import type { Derived } from '../scanCache';
import { argumentList, callee, FUNCTION_TYPES, isCall, kind, namedChildren, up, endOf } from '../syntax';

/**
 * Test code: the one place that decides whether a finding is in a test. The rules
 * (`retries-disabled` is off there by default), the engine (which marks findings
 * `testCode`), the CLI's summary and the extension all read it from here.
 *
 * A file is test code by its path (`isTestPath`); in any file, a test block is test code
 * by its shape (`testScopes`): `describe`/`it`/`test` blocks and their hooks in JS/TS,
 * pytest test functions, `Test*` and `TestCase` classes and fixtures in Python.
 */

/** Folders whose files are tests. */
const TEST_DIRS = new Set(['test', 'tests', '__tests__']);

/**
 * Whether a path names a test file: under `test/`, `tests/` or `__tests__/`, or named
 * `*.test.*`, `*.spec.*`, `*_test.py`, `test_*.py`, `conftest.py` or Django's `tests.py`. Give a path relative
 * to the project (workspace folder, repository or scan root): a `test` folder above the
 * project does not make every file in it a test. Either separator; case-insensitive.
 */
export function isTestPath(filePath: string): boolean {
  const parts = filePath
    .toLowerCase()
    .split(/[\\/]+/)
    .filter(Boolean);
  const name = parts.pop() ?? '';
  if (parts.some((p) => TEST_DIRS.has(p))) {
    return true;
  }
  return (
    /\.(?:test|spec)\.[^.]+$/.test(name) ||
    /^test_.*\.py$/.test(name) ||
    /_test\.py$/.test(name) ||
    name === 'conftest.py' ||
    name === 'tests.py'
  );
}

/** A range of the text that is test code. */
export interface TestScope {
  start: number;
  end: number;
}

/** JS test blocks and hooks (also `describe.each(...)(...)`, `it.only`, `test.skip`, ...). */
const JS_BLOCK_NAMES = [
  'describe',
  'context',
  'suite',
  'it',
  'test',
  'beforeEach',
  'afterEach',
  'beforeAll',
  'afterAll',
  'before',
  'after',
  'setup',
  'teardown',
];

/**
 * The JS test blocks' names: what a scan of `(?<![\w$.])(<a name>)\s*(?:\.|\()` finds (index
 * and group 1), in text order, found from the whole-word occurrences of each name
 * (`FileContext.wordsOf`: a substring search, kept across edits for the lines an edit did not
 * touch), where that pattern tries every offset.
 */
export function jsBlocks(ctx: FileContext): Array<{ index: number; 1: string }> {
  const text = ctx.text;
  const out: Array<{ index: number; 1: string }> = [];
  for (const name of JS_BLOCK_NAMES) {
    for (const at of ctx.wordsOf(name)) {
      if (text[at - 1] === '.') {
        continue;
      }
      let j = at + name.length;
      while (j < text.length && /\s/.test(text[j])) {
        j++;
      }
      if (text[j] === '.' || text[j] === '(') {
        out.push({ index: at, 1: name });
      }
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Blocks that take a name first (`it('does x', () => ...)`); the others are hooks. */
const NAMED_BLOCKS = new Set(['describe', 'context', 'suite', 'it', 'test']);

/** The test blocks of a file, found once per file, in text order. */
export function testScopes(ctx: FileContext): TestScope[] {
  return ctx.memo('test-scopes', () => (ctx.python ? pythonScopes(ctx) : jsScopes(ctx)));
}

/**
 * Whether an offset is in test code: the file is a test file (by the path the lint was
 * given) or the offset is inside a test block.
 */
export function inTestCode(ctx: FileContext, offset: number): boolean {
  if (isTestFile(ctx)) {
    return true;
  }
  return testScopes(ctx).some((s) => s.start <= offset && offset < s.end);
}

/** Whether the whole file is test code (by its path). */
export function isTestFile(ctx: FileContext): boolean {
  return ctx.memo('test-file', () => ctx.path !== undefined && isTestPath(ctx.path));
}

function jsScopes(ctx: FileContext): TestScope[] {
  const out: TestScope[] = [];
  for (const m of jsBlocks(ctx)) {
    if (ctx.inCommentOrString(m.index)) {
      continue;
    }
    // (Read within the node above the call chain alone: kept across an edit elsewhere.)
    const scope = ctx.derive('js-test-scope', m.index, () => jsScopeAt(ctx, m.index, m[1]), shiftScope);
    if (scope) {
      out.push(scope);
    }
  }
  return out;
}

/** The test block whose name is at `at`, with the range of the node it was read from. */
function jsScopeAt(ctx: FileContext, at: number, name: string): Derived<TestScope | null> {
  // The outermost call of the chain that starts at the name: `it.each(t)('x', fn)`.
  let node: Node | null = ctx.nodeAt(at);
  let call: Node | null = null;
  let last: Node | null = null;
  for (let p = up(node); p && node; node = p, p = up(p)) {
    const k = kind(p);
    last = p;
    if (isCall(p) && sameNode(callee(p), node)) {
      call = p;
    } else if (k !== 'member_expression') {
      break;
    }
  }
  // The node read last: its range when an editor document keeps the answer (see `FileContext.derive`).
  const read = !ctx.keeps
    ? { start: 0, end: 0 }
    : last
      ? { start: last.startIndex, end: endOf(last) }
      : { start: 0, end: ctx.text.length };
  if (!call) {
    return { value: null, ...read };
  }
  const args = namedChildren(argumentList(call));
  const fn = args.find((a) => FUNCTION_TYPES.has(kind(a)));
  if (!fn) {
    return { value: null, ...read };
  }
  const first = args[0];
  if (NAMED_BLOCKS.has(name) && (!first || first === fn || !/string|template/.test(kind(first)))) {
    return { value: null, ...read }; // `test(x => ...)`: not a named test block
  }
  return { value: { start: fn.startIndex, end: endOf(fn) }, ...read };
}

function shiftScope(scope: TestScope | null, by: number): TestScope | null {
  return scope && { start: scope.start + by, end: scope.end + by };
}

function sameNode(a: Node | null, b: Node | null): boolean {
  return !!a && !!b && a.startIndex === b.startIndex && endOf(a) === endOf(b);
}

/** `def test_x`, `class TestX` / `class X(TestCase)`, `@pytest.fixture` / `@fixture` functions. */
const PY_SCOPE =
  /^[ \t]*(?:(?:async[ \t]+)?def[ \t]+test\w*[ \t]*\(|class[ \t]+(\w+)[ \t]*(\([^)\n]*\))?[ \t]*:|@[ \t]*(?:pytest[ \t]*\.[ \t]*)?fixture\b)/gm;

function pythonScopes(ctx: FileContext): TestScope[] {
  const out: TestScope[] = [];
  for (const m of ctx.scan(PY_SCOPE)) {
    const at = m.index + m[0].search(/\S/);
    if (m[0].includes('class')) {
      const name = m[1] ?? '';
      const bases = m[2] ?? '';
      if (!/^Test/.test(name) && !/\bTestCase\b/.test(bases)) {
        continue;
      }
    }
    const scope = ctx.derive('py-test-scope', at, () => pythonScopeAt(ctx, at), shiftScope);
    if (scope) {
      out.push(scope);
    }
  }
  return out;
}

/** The test definition starting at `at`, with the range of the node it was read from. */
function pythonScopeAt(ctx: FileContext, at: number): Derived<TestScope | null> {
  let node: Node | null = ctx.nodeAt(at);
  while (
    node &&
    kind(node) !== 'function_definition' &&
    kind(node) !== 'class_definition' &&
    kind(node) !== 'decorated_definition'
  ) {
    node = up(node);
  }
  if (!node) {
    return { value: null, start: 0, end: ctx.text.length };
  }
  // A decorated definition covers its decorators too.
  const parent = up(node);
  const scope = parent && kind(parent) === 'decorated_definition' ? parent : node;
  const read = parent ?? node;
  return { value: { start: scope.startIndex, end: endOf(scope) }, start: read.startIndex, end: endOf(read) };
}

/**
 * Appended to the message of a finding in test code. A suffix, not a diagnostic tag: VS Code's
 * only tags (Unnecessary, Deprecated) fade or strike the code through, which would misstate the
 * finding; the CLI and SARIF carry the words too, and findings carry `testCode: true`.
 */
export const TEST_CODE_NOTE = ' In test code.';
