import { CLIENT_SCRIPT } from './clientScript.js';
import type { Card, Chart, ReportModel, Table } from './reportTypes.js';

/**
 * One self-contained HTML page: styles, uPlot and the report data inlined, nothing fetched, no
 * timestamps (the same results give the same page). Cards and tables are plain HTML; charts are drawn
 * by the inlined script.
 */
export interface ChartAssets {
  readonly js: string;
  readonly css: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JSON safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function card(c: Card): string {
  return `<div class="card" data-metric="${escapeHtml(c.metric)}" data-value="${c.value}"><div class="label">${escapeHtml(c.label)}</div><div class="value">${escapeHtml(c.text)}</div>${c.note === undefined ? '' : `<div class="note">${escapeHtml(c.note)}</div>`}</div>`;
}

function chart(c: Chart): string {
  return `<section class="chart-box"><h3>${escapeHtml(c.title)}</h3><div class="chart" id="chart-${escapeHtml(c.id)}"></div></section>`;
}

function table(t: Table): string {
  const head = t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = t.rows.map((r) => `<tr>${r.map((v) => `<td>${escapeHtml(String(v))}</td>`).join('')}</tr>`).join('\n');
  return `<section class="table-box" id="table-${escapeHtml(t.id)}"><h2>${escapeHtml(t.title)}</h2>${t.note === undefined ? '' : `<p class="note">${escapeHtml(t.note)}</p>`}<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></section>`;
}

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #222; background: #fafafa; }
h1 { margin: 0 0 4px; font-size: 22px; } h2 { font-size: 17px; margin: 28px 0 8px; } h3 { font-size: 14px; margin: 0 0 6px; }
.subtitle { color: #555; margin-bottom: 18px; max-width: 1100px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 10px 14px; min-width: 170px; }
.card .label { color: #666; font-size: 12px; } .card .value { font-size: 22px; font-weight: 600; } .card .note { color: #777; font-size: 12px; }
.legend span { display: inline-block; margin-right: 16px; } .legend i { display: inline-block; width: 18px; border-top: 2px dashed; vertical-align: middle; margin-right: 4px; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 16px; }
.chart-box, .table-box { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 10px; }
table { border-collapse: collapse; font-size: 12px; } td, th { border-bottom: 1px solid #eee; padding: 3px 8px; text-align: left; }
.table-box { overflow-x: auto; margin-top: 16px; } .note { color: #666; font-size: 12px; }
`;

const LEGEND = `<p class="legend"><span><i style="color:#d62728"></i>Spot interruption</span><span><i style="color:#2ca02c"></i>scaling action</span><span><i style="color:#9467bd"></i>deployment</span><span><i style="color:#ff7f0e"></i>timeline event</span></p>`;

export function renderHtml(model: ReportModel, assets: ChartAssets): string {
  const hasMarkers = model.charts.some((c) => c.markers.length > 0);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(model.title)}</title>
<style>${assets.css}</style>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(model.title)}</h1>
<div class="subtitle">${escapeHtml(model.subtitle)}</div>
<div class="cards">${model.cards.map(card).join('\n')}</div>
${model.charts.length > 0 ? `<h2>Charts</h2>${hasMarkers ? LEGEND : ''}<div class="charts">${model.charts.map(chart).join('\n')}</div>` : ''}
${model.tables.map(table).join('\n')}
<p class="note">Written by fleetsim. Charts drawn with uPlot (MIT), inlined.</p>
<script type="application/json" id="report-data">${scriptJson({ charts: model.charts })}</script>
<script>${assets.js}</script>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}
