/** Identifiers shared by the manifest (package.json) and the code. Keep them in sync. */
export const EXTENSION_ID = 'headroom-dev.headroom';
export const DIAGNOSTIC_SOURCE = 'Headroom';
export const OUTPUT_CHANNEL_NAME = 'Headroom';
export const CONFIG_SECTION = 'headroom';

/** Every command the extension registers, by id (all but the test-only one are contributed in package.json). */
export const CommandId = {
  showActions: 'headroom.showActions',
  showLog: 'headroom.showLog',
  setApiKey: 'headroom.setApiKey',
  clearApiKey: 'headroom.clearApiKey',
  scanWorkspace: 'headroom.scanWorkspace',
  refresh: 'headroom.refresh',
  chooseModel: 'headroom.chooseModel',
  startMonitoring: 'headroom.startMonitoring',
  startObserving: 'headroom.startObserving',
  stopObserving: 'headroom.stopObserving',
  showDashboard: 'headroom.showDashboard',
  /** `(target?: Uri) => Promise<Uri | undefined>`: writes the CSV there, or asks where with a save dialog (also the panel's Export CSV button). */
  exportHistory: 'headroom.exportHistory',
  /** `(ruleId: string) => Promise<void>`: the rule's page shipped in docs/rules/, in the Markdown preview (diagnostic code links; hidden from the palette). */
  openRuleDoc: 'headroom.openRuleDoc',
  /** Test mode only (HEADROOM_TEST_MODE=1), not contributed: what the dashboard panel shows, for integration tests. */
  dashboardTestState: 'headroom.dashboard.testState',
} as const;
export type CommandId = (typeof CommandId)[keyof typeof CommandId];

/** The status bar item's id, so users can hide or move it by name. */
export const STATUS_BAR_ID = 'headroom.budget';
