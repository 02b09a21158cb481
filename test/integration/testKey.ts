/**
 * A fake key in the real format, used by the monitor tests. The integration runner checks
 * that it never reaches a log, settings or state file.
 */
export const TEST_KEY =
  // headroom-ignore-next-line hardcoded-api-key
  'sk-ant-api03-FAKE-NOT-A-REAL-KEY-HEADROOM-TEST-0000000000000000000000000000000000000000000000000000000000AA';

/** The key of the "app" whose traffic the observe-mode tests send through the proxy. */
export const APP_KEY =
  // headroom-ignore-next-line hardcoded-api-key
  'sk-ant-api03-FAKE-NOT-A-REAL-KEY-OBSERVED-APP-00000000000000000000000000000000000000000000000000000000000AA';
