import type { Node } from '../parse/treeSitter';
import type { LintLanguage, RuleId } from '../lint/types';
import type { FormatOptions } from './formatConfig';
import type { ModelMeasurement } from './sizing';

/** What the project around a file provides (see `projectDepsFor`). */
export interface ProjectDeps {
  /** `p-limit` is a dependency in the nearest package.json. */
  pLimit: boolean;
  /** The major version of that `p-limit` when it could be read from the range (4 and later are ESM only). */
  pLimitMajor?: number;
  /** `tenacity` appears in the nearest requirements*.txt / pyproject.toml / setup.cfg. */
  tenacity: boolean;
  /** The nearest package.json's module system (`"type": "module"` is ESM). */
  moduleStyle?: 'esm' | 'commonjs';
  /** The project's formatting options (Prettier config, .editorconfig; see `formatOptionsFor`). */
  format?: FormatOptions;
}

/** Fix settings (`headroom.fix.*`). */
export interface FixSettings {
  /** Concurrency cap for fan-outs (default 8). */
  concurrency: number;
  /** `max_tokens` to add where it is missing (default 1024). */
  maxTokens: number;
}

/** Everything a fix generator needs besides the finding. */
export interface FixContext {
  /** The text the finding's offsets refer to. */
  text: string;
  /**
   * The root of the syntax tree the engine parsed `text` into (the one the finding was
   * made on); it must stay alive while fixes are computed.
   */
  root: Node;
  language: LintLanguage;
  projectDeps: ProjectDeps;
  settings: FixSettings;
  /** Rate limits and traffic measured per model (see `sizeConcurrency`); none: caps use the setting. */
  measurements?: readonly ModelMeasurement[];
  /** The day a sized cap's derivation is dated (YYYY-MM-DD); today (UTC) when absent. */
  today?: string;
}

/** Replace `[start, end)` (UTF-16 offsets into the original text) with `newText`. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** One quick fix. */
export interface FixAction {
  /** Stable id, e.g. `unbounded-fanout.p-limit`. */
  id: string;
  /** Short and clear, e.g. "Cap concurrency at 8 with p-limit". */
  title: string;
  rule: RuleId;
  /** Exactly one action per finding is preferred. */
  isPreferred: boolean;
  /**
   * Whether fix-all (`source.fixAll.headroom`, `headroom lint --fix`) may apply it unattended:
   * set by `fixesFor` from the rule's declared `fixKinds` (what a generator puts here is ignored).
   */
  safeForFixAll: boolean;
  /** Non-overlapping edits on the finding's text. */
  edits: TextEdit[];
}

/** Default fix settings. */
export const DEFAULT_FIX_SETTINGS: FixSettings = { concurrency: 8, maxTokens: 1024 };
