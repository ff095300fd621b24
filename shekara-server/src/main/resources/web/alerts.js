import { t, lang, onLangChange } from './i18n.js';
import { code } from './format.js';
import { zoneName, sectorName } from './names.js';
import { initResponse, incidentResponse } from './response.js';
import { may } from './session.js';
// Alert and incident panel of the web map: the alert list (new alerts stand out until acknowledged),
// the incident list with timelines, each sector's posture, the effectiveness figures, and alert
// markers on the map. Reads /api/v1/alerts, /incidents, /sectors/posture, /stats/alerts every two
// seconds; acknowledges with POST /api/v1/alerts/{id}/ack.
// Use: import { initAlerts } from '/alerts.js'; initAlerts(map, document.getElementById('alerts'), 'operator');

const POLL_MS = 2000;

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

async function getJson(path) {
  const r = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return r.json();
}

function time(iso) {
  return iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, 'Z') : '';
}

/** The alert's sentence in the current language (the server writes one per language; old alerts have only detail). */
function alertText(a) {
  return a.texts?.[lang()] ?? a.detail;
}

function rate(v) {
  return v === null || v === undefined ? '–' : `${Math.round(v * 100)} %`;
}

export function initAlerts(map, container, operator = 'operator') {
  const markers = new Map();
  const seen = new Set();
  let first = true;
  container.classList.add('alerts-panel');
  initResponse(map, operator);
  const postureBox = el('div', 'alerts-posture');
  const alertList = el('ol', 'alerts-list');
  // Sensor health (a sensor silent, then back) has its own board: it is not something at the border.
  const healthList = el('ol', 'alerts-list sensor-health-list');
  const incidentList = el('ol', 'incidents-list');
  const statsBox = el('div', 'alerts-stats');
  const HEADS = ['alerts.title', 'alerts.incidents', 'alerts.sensorHealth', 'alerts.posture', 'alerts.stats'];
  const heads = HEADS.map((k) => el('h2', null, t(k)));
  container.append(heads[0], alertList, heads[1], incidentList, heads[2], healthList, heads[3], postureBox);
  if (may('review')) container.append(heads[4], statsBox);

  async function acknowledge(id, button) {
    button.disabled = true;
    const r = await fetch(`/api/v1/alerts/${encodeURIComponent(id)}/ack`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ by: operator }),
    });
    if (!r.ok) button.disabled = false;
    refresh();
  }

  function alertItem(a) {
    const li = el('li', `alert sev-${a.severity} state-${a.state}`);
    li.dataset.id = a.id;
    if (!first && !seen.has(a.id)) li.classList.add('alert-new');
    if (a.state === 'raised') li.classList.add('alert-unacked');
    li.append(el('span', 'alert-time', time(a.time)), el('span', 'alert-rule', code('rule', a.rule)),
      el('span', 'alert-sev', code('severity', a.severity)),
      el('span', 'alert-where', a.zone ? zoneName(a.zone) : a.sector ? sectorName(a.sector) : ''),
      el('div', 'alert-detail', alertText(a)));
    if (a.state === 'raised' && may('alert')) {
      const b = el('button', 'alert-ack', t('alerts.ack'));
      b.addEventListener('click', (ev) => { ev.stopPropagation(); acknowledge(a.id, b); });
      li.append(b);
    } else if (a.state !== 'raised') {
      li.append(el('span', 'alert-state', a.state === 'closed'
        ? `${code('alertState', 'closed')} (${a.disposition ? code('disposition', a.disposition) : t('alerts.withdrawn')})`
        : `${t('alerts.ackBy')} ${a.acknowledged_by}`));
    }
    li.addEventListener('click', () => map.setView([a.lat, a.lon], Math.max(map.getZoom(), 12)));
    return li;
  }

  function marker(a) {
    let m = markers.get(a.id);
    if (a.state === 'closed') {
      if (m) { m.remove(); markers.delete(a.id); }
      return;
    }
    if (!m) {
      m = L.circleMarker([a.lat, a.lon], { radius: 9, className: `alert-marker sev-${a.severity}` })
        .bindTooltip(`${code('rule', a.rule)} · ${code('severity', a.severity)}`).addTo(map);
      markers.set(a.id, m);
    }
    m.getElement()?.classList.toggle('alert-unacked', a.state === 'raised');
  }

  function incidentItem(i) {
    const li = el('li', `incident sev-${i.severity} status-${i.status}`);
    li.append(el('span', 'incident-status', code('incidentStatus', i.status)),
      el('span', 'incident-sev', code('severity', i.severity)),
      el('span', 'incident-where', i.sector ? sectorName(i.sector) : ''),
      el('span', 'incident-count', `${t('alerts.count')}: ${i.alerts.length}`));
    const tl = el('ol', 'incident-timeline');
    for (const s of i.timeline) {
      tl.append(el('li', null, `${time(s.time)} ${s.change === 'status' ? code('incidentStatus', s.status) : code('incidentChange', s.change)}`
        + `${s.unit ? ' · ' + s.unit : ''} · ${s.by}${s.note ? ' · ' + s.note : ''}`));
    }
    li.append(tl);
    const response = incidentResponse(i);
    if (response) li.append(response);
    li.addEventListener('click', () => li.classList.toggle('open'));
    return li;
  }

  async function refresh() {
    try {
      const [alerts, incidents, posture, stats] = await Promise.all([
        getJson('/api/v1/alerts?limit=200'), getJson('/api/v1/incidents?limit=100'),
        getJson('/api/v1/sectors/posture'),
        // The effectiveness figures are a review: shown to the roles that may review.
        may('review') ? getJson('/api/v1/stats/alerts') : Promise.resolve({ rules: [], detection: [] })]);
      alertList.replaceChildren(...alerts.filter((a) => a.class !== 'sensor-health').map(alertItem));
      healthList.replaceChildren(...alerts.filter((a) => a.class === 'sensor-health').map(alertItem));
      alerts.forEach(marker);
      alerts.forEach((a) => seen.add(a.id));
      first = false;
      incidentList.replaceChildren(...incidents.map(incidentItem));
      postureBox.replaceChildren(...Object.entries(posture).filter(([, p]) => p !== 'normal')
        .map(([s, p]) => el('div', `posture posture-${p}`, `${sectorName(s)}: ${code('posture', p)}`)));
      if (!postureBox.childElementCount) postureBox.append(el('div', 'posture', t('alerts.allNormal')));
      const pdRows = (stats.detection || []).filter((d) => d.pd !== null).map((d) => el('div', 'stats-row',
        `${d.sensor}: ${t('alerts.pd')} ${rate(d.pd)} (${d.hits}/${d.opportunities})`));
      statsBox.replaceChildren(...stats.rules.map((r) => el('div', 'stats-row',
        `${code('rule', r.name)}: ${t('stats.raised')} ${r.raised}, ${t('stats.falseAlarms')} ${rate(r.false_alarm_rate)}, `
        + `${t('stats.caught')} ${rate(r.catch_share)}`)),
        ...pdRows);
      container.classList.remove('alerts-offline');
    } catch (e) {
      container.classList.add('alerts-offline');
    }
  }

  onLangChange(() => {
    heads.forEach((h, i) => { h.textContent = t(HEADS[i]); });
    refresh();
  });
  refresh();
  return setInterval(refresh, POLL_MS);
}
