import { t, onLangChange } from './i18n.js';
import { may } from './session.js';
// "Response times" panel of the web map: how long from alert to dispatch, from dispatch to a unit on
// scene and from first detection to on scene — median and 90th percentile per sector and per kind
// of responding unit, from GET /api/v1/stats/response, refreshed every five seconds.
// Loaded by index.html as a module; draws into #response-stats. Labels: responseTimes.* of the catalogue.

const POLL_MS = 5000;

const METRICS = ['alertToDispatch', 'dispatchToOnScene', 'detectionToOnScene'];

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

/** Seconds as m:ss (h:mm:ss from an hour), or a dash. */
export function duration(s) {
  if (s === null || s === undefined) return '–';
  const total = Math.round(s);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const r = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`;
}

function row(kind, g, label) {
  const tr = el('tr', 'response-row');
  tr.dataset.group = `${kind}:${g.name}`;
  tr.append(el('th', null, label), el('td', 'response-n', String(g.incidents)));
  for (const m of METRICS) {
    const d = g[m];
    const td = el('td', 'response-cell');
    if (d.count) {
      td.append(el('span', 'median', duration(d.medianS)), el('span', 'p90', duration(d.p90S)));
    } else {
      td.textContent = '–';
    }
    td.dataset.metric = m;
    td.dataset.medianS = d.medianS ?? '';
    td.title = d.count ? `n=${d.count}, max ${duration(d.maxS)}` : '';
    tr.append(td);
  }
  return tr;
}

function render(box, stats) {
  box.replaceChildren();
  if (!stats.all.incidents) {
    box.append(el('p', 'hint', t('responseTimes.none')));
    box.dataset.incidents = '0';
    return;
  }
  const table = el('table', 'response-table');
  const head = el('tr');
  head.append(el('th', null, t('responseTimes.group')), el('th', null, t('responseTimes.count')),
    ...METRICS.map((m) => el('th', null, t(`responseTimes.${m}`))));
  const thead = el('thead');
  thead.append(head);
  table.append(thead);
  const body = el('tbody');
  const section = (title) => { const tr = el('tr', 'response-section'); const th = el('th', null, title); th.colSpan = 5; tr.append(th); return tr; };
  body.append(section(t('responseTimes.bySector')), ...stats.sectors.map((g) => row('sector', g, g.name)));
  body.append(section(t('responseTimes.byKind')), ...stats.unitKinds.map((g) => row('kind', g, t(`unitKind.${g.name}`))));
  body.append(row('all', stats.all, t('responseTimes.all')));
  table.append(body);
  box.append(table, el('p', 'hint response-hint', t('responseTimes.hint')));
  box.dataset.incidents = String(stats.all.incidents);
}

function init() {
  const box = document.getElementById('response-stats');
  if (!box) return;
  if (!may('review')) {
    box.closest('section')?.setAttribute('hidden', '');
    return;
  }
  let last = null;
  async function refresh() {
    try {
      const r = await fetch('/api/v1/stats/response', { headers: { Accept: 'application/json' } });
      if (!r.ok) throw new Error(String(r.status));
      last = await r.json();
      render(box, last);
      box.dataset.loaded = 'true';
    } catch (e) {
      box.dataset.error = String(e);
    }
  }
  onLangChange(() => { if (last) render(box, last); });
  refresh();
  setInterval(refresh, POLL_MS);
}

init();
