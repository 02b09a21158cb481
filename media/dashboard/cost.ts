/**
 * The dashboard's cost panel (issue 13): this session's spend, $/hour, cache savings, a
 * cost-per-minute bar chart (plain SVG), per-model totals, and the rate events with ramps
 * and acceleration 429s marked apart from ceiling 429s and 529s. Text only via textContent.
 */
import type { BudgetAheadState } from '../../src/features/dashboard/costPanel';
import { $ } from './dom';
import { formatClock, formatUsd } from './format';

const SVG = 'http://www.w3.org/2000/svg';

const EVENT_NAMES: Readonly<Record<BudgetAheadState['events'][number]['kind'], string>> = {
  ramp: 'Ramp',
  'acceleration-429': '429 acceleration',
  'ceiling-429': '429 ceiling',
  'unexplained-429': '429 budget left',
  'overloaded-529': '529 overloaded',
};

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

function chart(perMinute: BudgetAheadState['perMinute']): SVGSVGElement {
  const width = 600;
  const height = 120;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('class', 'cost-chart');
  svg.setAttribute('role', 'img');
  const max = Math.max(...perMinute.map(([, v]) => v), 0);
  svg.setAttribute('aria-label', `Cost per minute, last ${perMinute.length} minutes, peak ${formatUsd(max)}`);
  const bar = width / Math.max(1, perMinute.length);
  perMinute.forEach(([t, usd], i) => {
    const h = max > 0 ? (usd / max) * (height - 20) : 0;
    const rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('x', String(i * bar + 1));
    rect.setAttribute('y', String(height - 14 - h));
    rect.setAttribute('width', String(Math.max(1, bar - 2)));
    rect.setAttribute('height', String(h));
    rect.setAttribute('class', 'cost-bar');
    const title = document.createElementNS(SVG, 'title');
    title.textContent = `${formatClock(t)}: ${formatUsd(usd)}`;
    rect.append(title);
    svg.append(rect);
  });
  const peak = document.createElementNS(SVG, 'text');
  peak.setAttribute('x', '2');
  peak.setAttribute('y', '12');
  peak.setAttribute('class', 'cost-axis');
  peak.textContent = `peak ${formatUsd(max)}/min`;
  svg.append(peak);
  return svg;
}

export function renderCost(s: BudgetAheadState | undefined): void {
  const panel = $('cost-panel');
  if (!s) {
    panel.hidden = true;
    return;
  }
  panel.hidden = false;
  const heading = el('h2', 'Cost and acceleration');
  const totals = el(
    'p',
    `This session: ${formatUsd(s.totalUsd)} · ${formatUsd(s.usdPerHour)}/hour at the current rate · cache reads saved ${formatUsd(s.cacheSavingsUsd)}`,
    'cost-totals',
  );
  totals.id = 'cost-totals';

  const figure = el('figure', undefined, 'chart cost-figure');
  figure.dataset.chart = 'cost-per-minute';
  figure.append(el('figcaption', 'Cost per minute (USD)'), chart(s.perMinute));

  const table = el('table');
  table.id = 'cost-models';
  const head = el('tr');
  for (const h of ['Model', 'Price family', 'Requests', 'Cost', 'Cache savings']) {
    const th = el('th', h);
    th.scope = 'col';
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  for (const m of s.models) {
    const tr = el('tr');
    tr.append(
      el('td', m.model),
      el('td', m.family ?? 'no price'),
      el('td', m.requests.toLocaleString('en-US')),
      el('td', m.priced ? formatUsd(m.usd) : '—'),
      el('td', m.priced ? formatUsd(m.cacheSavingsUsd) : '—'),
    );
    tbody.append(tr);
  }
  table.append(thead, tbody);

  const counts = el('p', undefined, 'rate-counts');
  counts.id = 'rate-counts';
  for (const kind of Object.keys(EVENT_NAMES) as (keyof typeof EVENT_NAMES)[]) {
    const span = el('span', `${EVENT_NAMES[kind]}: ${s.counts[kind]}`, `rate-count rate-${kind}`);
    counts.append(span);
  }
  const ramp = el(
    'p',
    s.ramp.ramp
      ? `Ramping now: ${s.ramp.lastMinute} requests in the last minute against ${s.ramp.baselinePerMinute.toFixed(1)}/min before. Acceleration limits may answer 429 under your limits: ramp up gradually.`
      : `Request rate: ${s.ramp.lastMinute} in the last minute (baseline ${s.ramp.baselinePerMinute.toFixed(1)}/min).`,
    s.ramp.ramp ? 'ramp-now' : 'ramp-calm',
  );
  const list = el('ul', undefined, 'rate-events');
  list.id = 'rate-events';
  for (const e of s.events) {
    const li = el('li', undefined, `rate-${e.kind}`);
    li.append(
      el('span', formatClock(e.at), 'when'),
      el('strong', EVENT_NAMES[e.kind]),
      el('span', ` ${e.model}: ${e.detail}`),
    );
    list.append(li);
  }
  panel.replaceChildren(heading, totals, figure, table, counts, ramp, list);
}
