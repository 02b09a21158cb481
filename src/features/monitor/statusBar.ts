import * as vscode from 'vscode';
import { CommandId, STATUS_BAR_ID } from '../../constants';
import { statusBackground, statusText, statusTooltip, type FormatOptions } from '../../core/monitor/format';
import type { Monitor, MonitorView } from './monitor';
import { budgetAheadMarkdown } from './budgetAhead';

const PHASE_TEXT: Record<Exclude<MonitorView['phase'], 'running'>, string> = {
  restricted: '$(shield) Headroom',
  'needs-consent': '$(play) Headroom: start monitor',
  paused: '$(debug-pause) Headroom',
  'bad-endpoint': '$(error) Headroom: bad base URL',
};

/**
 * The status bar item: the binding limit's headroom (or the state that matters more),
 * a Markdown tooltip with every limit family, and the warning/error background by state.
 * A click opens Headroom's actions.
 */
/** What the status bar item shows right now (for the extension's test API). */
export interface StatusBarSnapshot {
  text: string;
  tooltip: string;
  /** The theme colour id of the background, if any. */
  background: string | undefined;
}

export function registerStatusBar(monitor: Monitor): vscode.Disposable & { snapshot(): StatusBarSnapshot } {
  const item = vscode.window.createStatusBarItem(STATUS_BAR_ID, vscode.StatusBarAlignment.Right, 100);
  item.name = 'Headroom: Claude API rate-limit budget';
  item.command = CommandId.showActions;

  const render = (view: MonitorView): void => {
    const now = Date.now();
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.isTrusted = false;
    if (view.phase !== 'running' && !(view.phase === 'paused' && view.state.lastUpdate !== undefined)) {
      item.text = PHASE_TEXT[view.phase];
      tooltip.appendMarkdown(`**Headroom** · \`${view.config.model}\`\n\n`);
      tooltip.appendText(view.phaseReason ?? '');
      item.backgroundColor =
        view.phase === 'bad-endpoint' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    } else {
      // One figure for bar and tooltip: the reading while fresh, the estimate once older than a poll.
      const options = formatOptions(view);
      const text = statusText(view.state, now, options);
      // The eye marks figures that come from the app's own traffic (observe mode).
      item.text = view.observing ? `${text} $(eye)` : text;
      tooltip.appendMarkdown(statusTooltip(view.state, now, options));
      tooltip.appendMarkdown(budgetAheadMarkdown(monitor));
      const background = statusBackground(view.state, now, options);
      item.backgroundColor = background
        ? new vscode.ThemeColor(`statusBarItem.${background}Background`)
        : undefined;
    }
    // The first reading in one click: with ANTHROPIC_API_KEY found, the click starts monitoring.
    // (With no key, Set API Key in the actions menu is the second click.)
    const direct =
      view.phase === 'needs-consent'
        ? { command: CommandId.startMonitoring, hint: 'Click to start monitoring.' }
        : undefined;
    item.command = direct?.command ?? CommandId.showActions;
    tooltip.appendMarkdown(`\n\n---\n\n${direct?.hint ?? 'Click for Headroom actions.'}`);
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: `Headroom: ${stripIcons(item.text)}`, role: 'button' };
    item.show();
  };

  render(monitor.view());
  const subscriptions = vscode.Disposable.from(item, monitor.onDidChange(render));
  return {
    snapshot: () => ({
      text: item.text,
      tooltip:
        item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? ''),
      background:
        item.backgroundColor instanceof vscode.ThemeColor
          ? (item.backgroundColor as { id?: string }).id
          : undefined,
    }),
    dispose: () => subscriptions.dispose(),
  };
}

/** Grace after the poll interval, so a poll a little late does not flip the bar to an estimate. */
const POLL_GRACE_MS = 5_000;

/** A reading counts as fresh for one poll interval (at least 10 s; 60 s when polling is off). */
export function formatOptions(view: Pick<MonitorView, 'config'>): FormatOptions {
  const interval = view.config.pollIntervalSeconds;
  return { estimateAfterMs: (interval > 0 ? Math.max(10, interval) : 60) * 1000 + POLL_GRACE_MS };
}

function stripIcons(text: string): string {
  return text.replace(/\$\([\w-]+\)\s*/g, '').trim();
}
