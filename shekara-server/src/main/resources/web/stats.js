import { t, addLabels, onLangChange } from './i18n.js';
// "Response times" panel of the web map: how long from alert to dispatch, from dispatch to a unit on
// scene and from first detection to on scene — median and 90th percentile per sector and per kind
// of responding unit, from GET /api/v1/stats/response, refreshed every five seconds.
// Loaded by index.html as a module; draws into #response-stats.

const POLL_MS = 5000;

addLabels({
  en: {
    'response.title': 'Response times', 'response.bySector': 'By sector', 'response.byKind': 'By unit kind',
    'response.group': 'Group', 'response.count': 'Count', 'response.alertToDispatch': 'Alert → dispatch',
    'response.dispatchToOnScene': 'Dispatch → on scene', 'response.detectionToOnScene': 'Detection → on scene',
    'response.none': 'No incidents yet', 'response.hint': 'median, below it the 90th percentile; min:s',
    'response.all': 'All incidents',
  },
  ru: {
    'response.title': 'Время реагирования', 'response.bySector': 'По секторам', 'response.byKind': 'По типам подразделений',
    'response.group': 'Группа', 'response.count': 'Число', 'response.alertToDispatch': 'Тревога → направление',
    'response.dispatchToOnScene': 'Направление → на месте', 'response.detectionToOnScene': 'Обнаружение → на месте',
    'response.none': 'Инцидентов пока нет', 'response.hint': 'медиана, под ней 90-й процентиль; мин:с',
    'response.all': 'Все инциденты',
  },
  kk: {
    'response.title': 'Әрекет ету уақыты', 'response.bySector': 'Секторлар бойынша',
    'response.byKind': 'Бөлімше түрлері бойынша', 'response.group': 'Топ', 'response.count': 'Саны',
    'response.alertToDispatch': 'Дабыл → жіберу', 'response.dispatchToOnScene': 'Жіберу → оқиға орнында',
    'response.detectionToOnScene': 'Анықтау → оқиға орнында', 'response.none': 'Әзірге оқиға жоқ',
    'response.hint': 'медиана, астында 90-шы процентиль; мин:с', 'response.all': 'Барлық оқиғалар',
  },
});

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
    box.append(el('p', 'hint', t('response.none')));
    box.dataset.incidents = '0';
    return;
  }
  const table = el('table', 'response-table');
  const head = el('tr');
  head.append(el('th', null, t('response.group')), el('th', null, t('response.count')),
    ...METRICS.map((m) => el('th', null, t(`response.${m}`))));
  const thead = el('thead');
  thead.append(head);
  table.append(thead);
  const body = el('tbody');
  const section = (title) => { const tr = el('tr', 'response-section'); const th = el('th', null, title); th.colSpan = 5; tr.append(th); return tr; };
  body.append(section(t('response.bySector')), ...stats.sectors.map((g) => row('sector', g, g.name)));
  body.append(section(t('response.byKind')), ...stats.unitKinds.map((g) => row('kind', g, t(`unitKind.${g.name}`))));
  body.append(row('all', stats.all, t('response.all')));
  table.append(body);
  box.append(table, el('p', 'hint response-hint', t('response.hint')));
  box.dataset.incidents = String(stats.all.incidents);
}

function init() {
  const box = document.getElementById('response-stats');
  if (!box) return;
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
