import { rampWarning } from '../../core/monitor/acceleration';
import { costTooltip } from '../../core/monitor/costLedger';
import { escapeMarkdown } from '../../core/monitor/format';
import type { Monitor } from './monitor';

/**
 * The tooltip's "budget ahead" section (issue 13): a sharp ramp in words before it draws a
 * 429, and this session's spend with $/hour at the current rate. Empty when there is neither.
 */
export function budgetAheadMarkdown(monitor: Pick<Monitor, 'cost' | 'acceleration'>): string {
  const parts: string[] = [];
  const ramp = rampWarning(monitor.acceleration().ramp);
  if (ramp) parts.push(`$(graph-line) ${escapeMarkdown(ramp)}`);
  const cost = costTooltip(monitor.cost());
  if (cost) parts.push(cost);
  return parts.length > 0 ? `\n\n${parts.join('\n\n')}` : '';
}
