import type { FixFile } from '../fix/file';
import type { FixAction } from '../fix/types';
import type { FileContext } from '../lint/context';
import type { Finding, Severity } from '../lint/types';

/** What a detector reports: a range of the linted text and the facts its fixes need. */
export interface RuleReport<Data> {
  /** UTF-16 offset where the finding starts. */
  start: number;
  /** UTF-16 offset just past the end. */
  end: number;
  message: string;
  data: Data;
  /** A fixed severity for this report (used for information-only sub-cases). */
  severity?: Severity;
}

/** The callback a detector reports through. */
export type Report<Data> = (r: RuleReport<Data>) => void;

/** What the outside world knows about a rule: settings, the CLI, SARIF and the docs read this. */
export interface RuleMeta<Id extends string = string> {
  /** Stable id; also the key under `headroom.lint.rules` and the name `--rule <id>=<level>` takes. */
  readonly id: Id;
  /** The level used when the settings do not name the rule. */
  readonly defaultSeverity: Severity;
  /** One sentence, shown in SARIF output and checked against the README's rule list. */
  readonly description: string;
  /** The user documentation, relative to the repository root: `docs/rules/<id>.md`. */
  readonly docPath: string;
  /** The same page on GitHub (diagnostic links, SARIF `helpUri`). */
  readonly docUrl: string;
  /** Every fix the rule can offer, with its safety (empty: no fixes). */
  readonly fixKinds: readonly FixKind[];
}

/**
 * One kind of fix a rule offers. `safe` fixes keep what the program does when its calls
 * succeed (they only add what was missing or make a failing call work), so Fix All
 * (`source.fixAll.headroom`) and `headroom lint --fix` may apply them unattended; every
 * other fix changes behaviour (a lower `max_tokens`, different retries, a rewritten loop)
 * and is offered only as an individual quick fix.
 */
export interface FixKind {
  /** The fix's id (`FixAction.id`), e.g. `missing-max-tokens.add`. */
  readonly id: string;
  /** Whether Fix All may apply it. */
  readonly safe: boolean;
  /** What it does, in a few words (the README and the rule's doc page list these). */
  readonly summary: string;
}

/** A rule's fix generator: edits built from the finding's syntax facts and the parsed file. */
export type FixGenerator<Data> = (file: FixFile, finding: Finding, data: Data) => FixAction[];

/**
 * One lint rule: its metadata, its detector and its fixes. Detectors read the shared
 * FileContext and never walk the whole tree themselves; fixes build their edits from the
 * finding's data and the same parsed tree (core/fix holds the shared machinery).
 */
export interface RuleModule<
  Id extends string = string,
  Data extends { rule: Id } = { rule: Id },
> extends RuleMeta<Id> {
  detect(ctx: FileContext, report: Report<Data>): void;
  /** The quick fixes of a finding (`fixesFor` marks exactly one preferred). Absent: no fixes. */
  fix?(file: FixFile, finding: Finding, data: Data): FixAction[];
}

/** Where the doc pages live on GitHub. */
const DOCS_BASE = 'https://github.com/headroom-dev/headroom/blob/main/';

/** Builds a rule module; the doc path and URL follow from the id. */
export function defineRule<Id extends string, Data extends { rule: Id }>(spec: {
  id: Id;
  defaultSeverity: Severity;
  description: string;
  detect: (ctx: FileContext, report: Report<Data>) => void;
  fix?: FixGenerator<Data>;
  fixKinds?: readonly FixKind[];
}): RuleModule<Id, Data> {
  const docPath = `docs/rules/${spec.id}.md`;
  return { ...spec, fixKinds: spec.fixKinds ?? [], docPath, docUrl: DOCS_BASE + docPath };
}

/** The language tag finding data carries. */
export function lang(ctx: FileContext): 'js' | 'python' {
  return ctx.python ? 'python' : 'js';
}
