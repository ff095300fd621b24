import { t } from './i18n.js';
import { may } from './session.js';
// Response part of the incident panel: for each open incident, the recommended units (rank,
// callsign, kind, ETA, distance, a warning when tasking one leaves its sector without an available
// unit) with a Dispatch button each, the task's status once one is dispatched, and on the map the
// best unit's path and intercept point (or the task's intercept point). Reads
// GET /api/v1/incidents/{id}/recommendations every two seconds per incident shown; dispatches with
// POST /api/v1/incidents/{id}/dispatch {"unit", "by"}.
// Use: initResponse(map, operator) once; incidentResponse(incident) gives the element to show in
// the incident's list item (kept across re-renders), or null for a closed incident.

const POLL_MS = 2000;
const TERMINAL = new Set(['resolved', 'false-alarm']);
const boxes = new Map();
let map = null;
let operator = 'operator';

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

function minutes(s) {
  if (s === null || s === undefined || s < 0) return '–';
  const m = Math.floor(s / 60);
  return `${m}:${String(Math.round(s % 60)).padStart(2, '0')}`;
}

function km(m) {
  return m === null || m === undefined || m < 0 ? '–' : `${(m / 1000).toFixed(1)} km`;
}

export function initResponse(leafletMap, who = 'operator') {
  map = leafletMap;
  operator = who;
}

/** The response element of an incident list item, or null (and its map drawing removed) once it is closed. */
export function incidentResponse(incident) {
  let box = boxes.get(incident.id);
  if (TERMINAL.has(incident.status)) {
    if (box) { box.layer?.remove(); boxes.delete(incident.id); }
    return null;
  }
  if (!box) {
    const root = el('div', 'response');
    root.dataset.incident = incident.id;
    root.addEventListener('click', (ev) => ev.stopPropagation());
    box = { root, loaded: 0, layer: null, busy: false };
    boxes.set(incident.id, box);
  }
  if (Date.now() - box.loaded >= POLL_MS && !box.busy) load(incident.id, box);
  return box.root;
}

async function load(id, box) {
  box.busy = true;
  try {
    const r = await fetch(`/api/v1/incidents/${encodeURIComponent(id)}/recommendations`,
      { headers: { Accept: 'application/json' } });
    if (r.ok) render(id, box, await r.json());
    box.loaded = Date.now();
  } catch (e) {
    box.root.classList.add('response-offline');
  } finally {
    box.busy = false;
  }
}

async function dispatch(id, unit, button, box) {
  button.disabled = true;
  const r = await fetch(`/api/v1/incidents/${encodeURIComponent(id)}/dispatch`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ unit, by: operator }),
  });
  if (!r.ok) {
    button.disabled = false;
    box.root.querySelector('.response-error')?.remove();
    box.root.append(el('div', 'response-error', (await r.json()).detail));
  }
  load(id, box);
}

function render(id, box, data) {
  const task = data.task;
  const parts = [el('div', 'response-title', t('response.title'))];
  if (data.trackEnded) {
    // The tracker lost the target: units are sent to its last known point, which no longer moves.
    const ended = el('div', 'response-track-ended', `${t('response.trackEnded')}: ${data.track} · ${data.trackEnded.slice(11, 19)} UTC`);
    ended.dataset.track = data.track;
    parts.push(ended);
  }
  if (task) {
    const s = el('div', `response-task task-${task.status}`,
      `${t('response.task')}: ${task.unit} · ${t('task.' + task.status)}${task.eta_s !== null ? ' · ETA ' + minutes(task.eta_s) : ''}`);
    s.dataset.status = task.status;
    parts.push(s);
  }
  const list = el('ol', 'response-list');
  for (const r of data.recommendations) {
    const li = el('li', 'response-unit');
    li.dataset.unit = r.unit;
    li.append(el('span', 'response-rank', `${r.rank}.`), el('span', 'response-callsign', r.callsign),
      el('span', 'response-kind', t('unitKind.' + r.kind)), el('span', 'response-eta', `ETA ${minutes(r.eta_s)}`),
      el('span', 'response-distance', km(r.distance_m)));
    // Nobody can meet the target: the list is a pursuit to where it leaves the area, each unit this far behind.
    if (r.intercept === false) {
      li.classList.add('response-pursuit');
      li.append(el('span', 'response-behind', `${t('reason.' + r.reason)} · ${t('response.behind')} ${minutes(r.late_s)}`));
    }
    if (r.leaves_sector_uncovered) li.append(el('span', 'response-void', `⚠ ${t('response.void')}`));
    // Only a role that may dispatch (an operator or commander) is offered the button.
    if (may('dispatch')) {
      const b = el('button', 'response-dispatch', t('response.dispatch'));
      b.disabled = !!task;
      b.addEventListener('click', (ev) => { ev.stopPropagation(); dispatch(id, r.unit, b, box); });
      li.append(b);
    }
    list.append(li);
  }
  if (!data.recommendations.length) {
    list.append(el('li', 'response-none', t('response.none')));
    // The nearest miss: how far behind the target the closest unit would arrive.
    const near = data.excluded.filter((x) => x.late_s !== undefined).sort((a, b) => a.late_s - b.late_s)[0];
    if (near) list.append(el('li', 'response-behind', `${near.unit} · ${t('reason.' + near.reason)} · ${t('response.behind')} ${minutes(near.late_s)}`));
  }
  parts.push(list);
  const error = box.root.querySelector('.response-error');
  box.root.replaceChildren(...parts, ...(error ? [error] : []));
  draw(box, data);
}

function draw(box, data) {
  if (!map) return;
  box.layer?.remove();
  const g = L.layerGroup();
  const best = data.recommendations[0];
  if (data.task) {
    L.circleMarker([data.task.lat, data.task.lon], { radius: 7, className: 'response-intercept task' })
      .bindTooltip(`${data.task.unit} → ${t('response.intercept')}`).addTo(g);
  } else if (best) {
    if (best.path.length > 1) L.polyline(best.path, { className: 'response-path', weight: 3 }).addTo(g);
    L.circleMarker([best.lat, best.lon], { radius: 6, className: 'response-intercept' })
      .bindTooltip(`${best.callsign} · ETA ${minutes(best.eta_s)}`).addTo(g);
  }
  g.addTo(map);
  box.layer = g;
}

/** For the browser test and operators' scripts: the incidents with a response box. */
window.shekaraResponse = { incidents: () => [...boxes.keys()] };
