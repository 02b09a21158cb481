/**
 * The dashboard's HTML shell. Everything it loads comes from the extension's own
 * `dist/dashboard` folder through `asWebviewUri`; the Content Security Policy allows
 * nothing else: no inline script, no remote origin, one script with a fresh nonce.
 */
import { randomBytes } from 'node:crypto';

export interface DashboardHtmlInput {
  /** `webview.cspSource`. */
  readonly cspSource: string;
  /** A fresh random nonce per render. */
  readonly nonce: string;
  /** `asWebviewUri` of dist/dashboard/main.js. */
  readonly scriptUri: string;
  /** `asWebviewUri` of the style sheets (uPlot's, then the dashboard's). */
  readonly styleUris: readonly string[];
}

/** 128 random bits, base64: unguessable, and valid as a CSP nonce. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The Content-Security-Policy the dashboard runs under. */
export function dashboardCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function dashboardHtml(input: DashboardHtmlInput): string {
  const nonce = attr(input.nonce);
  const styles = input.styleUris
    .map((href) => `<link rel="stylesheet" href="${attr(href)}" nonce="${nonce}">`)
    .join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${attr(dashboardCsp(input.cspSource, input.nonce))}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>Headroom Dashboard</title>
  </head>
  <body>
    <header class="toolbar">
      <h1>Headroom</h1>
      <label class="model-picker" id="model-picker" hidden>Model
        <select id="model" aria-label="Model"></select>
      </label>
      <span class="spacer"></span>
      <span id="notice" class="notice" role="status"></span>
      <button id="reset-zoom" type="button" class="secondary" hidden>Reset Zoom</button>
      <button id="export" type="button">Export CSV</button>
      <button id="clear" type="button" class="secondary">Clear History</button>
    </header>
    <p id="monitor" class="monitor" role="status"></p>
    <p id="summary" class="summary"></p>
    <section id="empty" class="empty" hidden>
      <p>No history yet. The dashboard fills in as the monitor polls (or as observe mode sees your app's requests).</p>
    </section>
    <section id="limits-section" class="limits" hidden>
      <h2>Current limits</h2>
      <table id="limits">
        <thead>
          <tr><th scope="col">Limit</th><th scope="col">Per minute</th><th scope="col">Remaining</th><th scope="col">Left</th><th scope="col">Refills</th><th scope="col">Measured</th></tr>
        </thead>
        <tbody></tbody>
      </table>
    </section>
    <section id="charts" class="charts" aria-label="Charts"></section>
    <section id="cost-panel" class="cost-panel" aria-label="Cost" hidden></section>
    <p id="legend" class="legend" hidden>
      <span class="marker marker-429"></span> 429 rate limited
      <span class="marker marker-529"></span> 529 overloaded
      <span class="hint">Drag across a chart to zoom; double-click to reset.</span>
    </p>
    <p id="footer" class="footer"></p>
    <script nonce="${nonce}" src="${attr(input.scriptUri)}"></script>
  </body>
</html>`;
}
