import type { FileContext } from './context';
import type { FindingData, RuleId, Severity } from './types';

/** What a rule reports: a range of the linted text and the facts a fix needs. */
export interface RuleReport {
  /** UTF-16 offset where the finding starts. */
  start: number;
  /** UTF-16 offset just past the end. */
  end: number;
  message: string;
  data: FindingData;
  /** A fixed severity for this report (used for information-only sub-cases). */
  severity?: Severity;
}

/** One lint rule. Rules read the shared FileContext and never walk the whole tree themselves. */
export interface Rule {
  id: RuleId;
  run(ctx: FileContext, report: (r: RuleReport) => void): void;
}
