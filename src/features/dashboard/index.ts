/** The dashboard: a webview of the history's charts, its persistence, and the CSV export. */
export { DASHBOARD_TITLE, DASHBOARD_VIEW_TYPE, registerDashboard } from './dashboard';
export type { DashboardDeps, DashboardTestState } from './dashboard';
export {
  HISTORY_STATE_KEY,
  MAX_PERSISTED_CHARS,
  loadHistory,
  registerHistoryRecorder,
  type HistoryRecorder,
} from './historyStore';
