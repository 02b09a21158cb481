/**
 * `--format github` and `--format gitlab` against what their consumers accept: the GitHub
 * runner's parsing of workflow commands (checked on GitHub's documented examples first) and
 * GitLab's Code Quality report schema (checked on GitLab's documented example first). The
 * fixtures are written from the documentation; see test/fixtures/ci/README.md.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { escapeGithubData, escapeGithubProperty, formatGithub, formatGitlab } from '../../../src/cli/format';
import type { CliFinding } from '../../../src/cli/lintFile';
import { run, tree } from './helpers';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/ci');
const fixture = (name: string): string => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

/** Parses one line as the Actions runner does (`::name k=v,k=v::data`, then unescapes). */
function parseWorkflowCommand(line: string): WorkflowCommand | undefined {
  const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!m) return undefined;
  const unescapeData = (s: string): string =>
    s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
  const unescapeProperty = (s: string): string => unescapeData(s.replace(/%3A/gi, ':').replace(/%2C/gi, ','));
  const properties: Record<string, string> = {};
  for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return undefined;
    properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
  }
  return { command: m[1] as string, properties, message: unescapeData(m[3] ?? '') };
}

type Schema = {
  type?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  minimum?: number;
  minLength?: number;
};

/** The JSON Schema subset the fixture schema uses; returns the problems found. */
function validate(value: unknown, schema: Schema, at = '$'): string[] {
  const problems: string[] = [];
  const kind = Array.isArray(value)
    ? 'array'
    : Number.isInteger(value)
      ? 'integer'
      : value === null
        ? 'null'
        : typeof value;
  if (schema.type && !(schema.type === kind || (schema.type === 'number' && kind === 'integer'))) {
    return [`${at}: expected ${schema.type}, got ${kind}`];
  }
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${at}: ${String(value)} not in enum`);
  if (schema.minimum !== undefined && typeof value === 'number' && value < schema.minimum) {
    problems.push(`${at}: below ${schema.minimum}`);
  }
  if (schema.minLength !== undefined && typeof value === 'string' && value.length < schema.minLength) {
    problems.push(`${at}: too short`);
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((v, i) => problems.push(...validate(v, schema.items as Schema, `${at}[${i}]`)));
  }
  if (kind === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in obj)) problems.push(`${at}: missing ${key}`);
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if (key in obj) problems.push(...validate(obj[key], sub, `${at}.${key}`));
    }
  }
  return problems;
}

/** Findings with everything a crafted file or message could put in the way. */
const HOSTILE: CliFinding[] = [
  {
    file: 'src/a,b:c%.ts',
    line: 3,
    column: 7,
    endLine: 3,
    endColumn: 40,
    rule: 'missing-max-tokens',
    severity: 'error',
    message: 'Add max_tokens: 100% of\r\nthe output budget, a::b',
  },
  {
    file: 'src/a,b:c%.ts',
    line: 9,
    column: 1,
    endLine: 11,
    endColumn: 2,
    rule: 'unbounded-fanout',
    severity: 'warning',
    message: 'Cap the fan-out.',
  },
  {
    file: 'nb/x.ipynb',
    line: 2,
    column: 1,
    endLine: 2,
    endColumn: 5,
    rule: 'naive-retry',
    severity: 'info',
    message: 'Use backoff.',
    cell: 4,
  },
];

describe('cli: CI formats', () => {
  describe('github (workflow-command annotations)', () => {
    it('the parser reads GitHub’s documented examples', () => {
      const lines = fixture('github-workflow-commands.txt').trim().split('\n');
      const parsed = lines.map(parseWorkflowCommand);
      assert.deepEqual(
        parsed.map((p) => p?.command),
        ['notice', 'warning', 'error', 'error'],
      );
      assert.deepEqual(parsed[2]?.properties, {
        file: 'app.js',
        line: '1',
        col: '5',
        endColumn: '7',
        title: 'YOUR-TITLE',
      });
      assert.equal(parsed[3]?.properties.title, 'Two, lines: a title');
      assert.equal(parsed[3]?.message, 'First line\nSecond line with 100%');
    });

    it('every finding is one line the runner reads back exactly (levels, position, title, message)', () => {
      const cwd = path.resolve('/work/repo');
      const out = formatGithub(HOSTILE, cwd);
      const lines = out.trimEnd().split('\n');
      assert.equal(lines.length, HOSTILE.length, out);
      const [first, multi, cell] = lines.map(parseWorkflowCommand);
      assert.deepEqual(first, {
        command: 'error',
        properties: {
          file: 'src/a,b:c%.ts',
          line: '3',
          endLine: '3',
          col: '7',
          endColumn: '40',
          title: 'Headroom missing-max-tokens',
        },
        message: 'Add max_tokens: 100% of\r\nthe output budget, a::b',
      });
      // Columns only on one-line findings, as GitHub documents.
      assert.deepEqual(multi?.properties, {
        file: 'src/a,b:c%.ts',
        line: '9',
        endLine: '11',
        title: 'Headroom unbounded-fanout',
      });
      assert.equal(multi?.command, 'warning');
      // A cell's lines are not the notebook file's lines: the file only, the cell named.
      assert.deepEqual(cell, {
        command: 'notice',
        properties: { file: 'nb/x.ipynb', title: 'Headroom naive-retry' },
        message: 'Use backoff. (notebook cell 5, line 2)',
      });
    });

    it('escapes as the toolkit does', () => {
      assert.equal(escapeGithubData('a%b\r\nc:d,e'), 'a%25b%0D%0Ac:d,e');
      assert.equal(escapeGithubProperty('a%b\r\nc:d,e'), 'a%25b%0D%0Ac%3Ad%2Ce');
      assert.equal(formatGithub([], '/'), '');
    });

    it('`headroom lint --format github` prints annotations and keeps the exit status', async () => {
      const cwd = tree({
        'src/app.ts':
          "import Anthropic from '@anthropic-ai/sdk';\nconst client = new Anthropic();\nawait client.messages.create({ model: 'claude-haiku-4-5', messages: [] });\n",
      });
      const r = await run(['lint', '--format', 'github'], cwd);
      assert.equal(r.code, 1, r.stderr);
      const parsed = r.stdout.trimEnd().split('\n').map(parseWorkflowCommand);
      assert.equal(parsed.length, 1, r.stdout);
      assert.equal(parsed[0]?.command, 'error');
      assert.equal(parsed[0]?.properties.file, 'src/app.ts');
      assert.equal(parsed[0]?.properties.line, '3');
      assert.equal(parsed[0]?.properties.title, 'Headroom missing-max-tokens');
    });
  });

  describe('gitlab (Code Quality report)', () => {
    const schema = JSON.parse(fixture('gitlab-codequality.schema.json')) as Schema;

    it('the schema accepts GitLab’s documented example and rejects a broken one', () => {
      const example = JSON.parse(fixture('gitlab-codequality.example.json')) as unknown[];
      assert.deepEqual(validate(example, schema), []);
      const broken = [{ ...(example[0] as object), severity: 'error', location: { path: 'x' } }];
      assert.deepEqual(validate(broken, schema), [
        '$[0].severity: error not in enum',
        '$[0].location: missing lines',
      ]);
    });

    it('matches the schema, with stable fingerprints unique per finding', () => {
      const cwd = path.resolve('/work/repo');
      const report = JSON.parse(formatGitlab(HOSTILE, cwd)) as Array<Record<string, unknown>>;
      assert.deepEqual(validate(report, schema), []);
      assert.deepEqual(
        report.map((i) => [
          i.check_name,
          i.severity,
          (i.location as { lines: { begin: number } }).lines.begin,
        ]),
        [
          ['missing-max-tokens', 'major', 3],
          ['unbounded-fanout', 'minor', 9],
          ['naive-retry', 'info', 1],
        ],
      );
      const fingerprints = report.map((i) => i.fingerprint);
      assert.equal(new Set(fingerprints).size, fingerprints.length);
      // A finding that moves down a line keeps its fingerprint; a second identical one gets its own.
      const moved = HOSTILE.map((f) => ({ ...f, line: f.line + 1, endLine: f.endLine + 1 }));
      const again = JSON.parse(formatGitlab(moved, cwd)) as Array<Record<string, unknown>>;
      assert.deepEqual(
        again.map((i) => i.fingerprint),
        fingerprints,
      );
      const twice = JSON.parse(
        formatGitlab([HOSTILE[1] as CliFinding, HOSTILE[1] as CliFinding], cwd),
      ) as Array<Record<string, unknown>>;
      assert.notEqual(twice[0]?.fingerprint, twice[1]?.fingerprint);
      assert.deepEqual(JSON.parse(formatGitlab([], cwd)), []);
    });
  });

  describe('action.yml and .pre-commit-hooks.yaml', () => {
    const ROOT = path.resolve(FIXTURES, '../../..');
    it('the action runs the published CLI for SARIF and uploads it; inputs reach the shell only through env', () => {
      const action = fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
      assert.match(action, /using: composite/);
      assert.match(action, /npx --yes "@headroom-dev\/cli@\$\{HEADROOM_VERSION\}" lint .*--format sarif/);
      assert.match(action, /uses: github\/codeql-action\/upload-sarif@v3/);
      // Each script: from `run: |` to the next step.
      const scripts = action
        .split(/\brun: \|\n/)
        .slice(1)
        .map((rest) => rest.split(/\n {4}- /)[0] ?? '');
      assert.equal(scripts.length, 2);
      for (const script of scripts) {
        assert.ok(!script.includes('${{'), `an expression inside a script:\n${script}`);
      }
    });
    it('the pre-commit hooks are node hooks on the @headroom-dev/cli package', () => {
      const hooks = fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
      const version = (
        JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }
      ).version;
      for (const id of ['headroom', 'headroom-fix']) assert.match(hooks, new RegExp(`- id: ${id}\\n`));
      assert.equal(hooks.match(/language: node/g)?.length, 2);
      assert.equal(
        hooks.match(new RegExp(`'@headroom-dev/cli@${version.replace(/\./g, '\\.')}'`, 'g'))?.length,
        2,
      );
    });
  });
});
