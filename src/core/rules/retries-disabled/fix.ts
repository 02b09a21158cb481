/**
 * retries-disabled: give the SDK its retries back (`maxRetries: 0` → 6; the SDK backs off
 * and honours retry-after), or keep them off and wrap the calls in a backoff helper.
 */
import type { Finding } from '../../lint/types';
import type { RetriesDisabledData } from './data';
import { SDK_RETRIES, raiseRetriesTitle, withBackoffAction } from '../../fix/backoff';
import type { FixFile } from '../../fix/file';
import type { FixAction } from '../../fix/types';

export function retriesDisabledFixes(
  file: FixFile,
  finding: Finding,
  data: RetriesDisabledData,
): FixAction[] {
  const out: FixAction[] = [];
  if (/^0+$/.test(file.text.slice(data.value.start, data.value.end).trim())) {
    out.push({
      id: 'retries-disabled.raise-retries',
      title: raiseRetriesTitle(file),
      rule: finding.rule,
      isPreferred: true,
      safeForFixAll: false,
      edits: [{ start: data.value.start, end: data.value.end, newText: String(SDK_RETRIES) }],
    });
  }
  const backoff = data.calls.length ? withBackoffAction(file, finding.rule, data.calls) : undefined;
  if (backoff) {
    out.push(backoff);
  }
  return out;
}
