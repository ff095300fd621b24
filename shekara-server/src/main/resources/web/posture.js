// Sector alert posture on the map: each sector drawn in the colour of the posture in force, restyled
// the moment a commander changes it (live feed message {"type": "posture"}), the posture with who set
// it, why and when in the sector's popup, and a form there to set it (PUT /api/v1/sectors/{id}/posture).
// Use: registerSector(id, geoJsonLayer, props) when drawing; loadPostures() on (re)connect;
// onPosture(msg) for live messages; postureHtml(id) appended to a sector's popup.
import { t } from './i18n.js';
import * as fmt from './format.js';
import { COLORS } from './symbols.js';
import { may } from './session.js';

const API = '/api/v1';
const POSTURES = ['normal', 'elevated', 'high'];
const FILL = { normal: 0.06, elevated: 0.12, high: 0.18 };
const sectors = new Map(); // id -> { layers: [L.GeoJSON], props, posture, change }

/** The style of a sector outline and fill in a posture. */
export function sectorStyle(posture) {
  const c = COLORS.posture[posture] ?? COLORS.posture.normal;
  return { color: c, fillColor: c, fillOpacity: FILL[posture] ?? FILL.normal, weight: posture === 'normal' ? 1.5 : 2.5 };
}

/** Remembers a drawn sector so that a posture change restyles it; {@code props} is its zone's properties. */
export function registerSector(id, layer, props) {
  const s = sectors.get(id) ?? { layers: [], props, posture: props.posture ?? 'normal', change: null };
  s.layers.push(layer);
  sectors.set(id, s);
  // Leaflet draws new path elements when the layer is shown again: tag and colour them again.
  layer.on('add', () => paint(id));
  paint(id);
}

/** The posture in force in a sector, as last heard (null for an unknown sector). */
export function postureOf(id) {
  return sectors.get(id)?.posture ?? null;
}

function paint(id) {
  const s = sectors.get(id);
  s.props.posture = s.posture;
  for (const layer of s.layers) {
    layer.setStyle(sectorStyle(s.posture));
    layer.eachLayer((l) => {
      const el = l.getElement?.();
      if (el) { el.dataset.sector = id; el.dataset.posture = s.posture; }
    });
  }
  document.querySelectorAll(`.posture-panel[data-sector="${CSS.escape(id)}"] .posture-status`)
    .forEach((el) => { el.innerHTML = statusHtml(id); });
}

function apply(id, posture, change) {
  const s = sectors.get(id);
  if (!s || !POSTURES.includes(posture)) return;
  // A change older than the one shown (a REST answer overtaken by the live feed) is ignored.
  if (change && s.change && Date.parse(change.time) < Date.parse(s.change.time)) return;
  s.posture = posture;
  if (change) s.change = change;
  paint(id);
}

/** A live-feed posture message: {type: "posture", sector, posture, by, reason, time}. */
export function onPosture(msg) {
  apply(msg.sector, msg.posture, { posture: msg.posture, by: msg.by, reason: msg.reason, time: msg.time });
}

/** Loads every sector's posture in force and its latest change (GET /api/v1/sectors). */
export async function loadPostures() {
  const res = await fetch(`${API}/sectors`);
  if (!res.ok) return;
  for (const s of await res.json()) apply(s.id, s.posture, s.change);
}

function statusHtml(id) {
  const s = sectors.get(id);
  const c = s.change;
  const row = (k, v) => `<tr><th>${fmt.esc(t(k))}</th><td>${fmt.esc(v)}</td></tr>`;
  return `<div class="posture-now posture-${fmt.esc(s.posture)}">${fmt.esc(fmt.code('posture', s.posture))}</div>
    <table>${c ? row('posture.reason', c.reason) + row('posture.by', c.by) + row('field.time', fmt.time(c.time))
      : `<tr><td colspan="2" class="posture-unchanged">${fmt.esc(t('posture.unchanged'))}</td></tr>`}</table>`;
}

/**
 * The posture section of a sector's popup: what is in force and why, and the form to change it for a
 * user whose role may set postures (a commander); nobody else is offered a form the server refuses.
 */
export function postureHtml(id) {
  const s = sectors.get(id);
  if (!s) return '';
  if (!may('posture')) {
    return `<div class="posture-panel" data-sector="${fmt.esc(id)}">
    <div class="posture-title">${fmt.esc(t('field.posture'))}</div>
    <div class="posture-status">${statusHtml(id)}</div></div>`;
  }
  const options = POSTURES.map((p) => `<option value="${p}" ${p === s.posture ? 'selected' : ''}>${fmt.esc(fmt.code('posture', p))}</option>`).join('');
  return `<div class="posture-panel" data-sector="${fmt.esc(id)}">
    <div class="posture-title">${fmt.esc(t('field.posture'))}</div>
    <div class="posture-status">${statusHtml(id)}</div>
    <form class="posture-form" autocomplete="off">
      <select name="posture">${options}</select>
      <input name="reason" type="text" maxlength="500" required placeholder="${fmt.esc(t('posture.reason'))}">
      <button type="submit">${fmt.esc(t('posture.set'))}</button>
      <span class="posture-error"></span>
    </form></div>`;
}

async function submit(form) {
  const id = form.closest('.posture-panel').dataset.sector;
  // Who sets it is the signed-in user: the server takes it from the session.
  const body = { posture: form.posture.value, reason: form.reason.value.trim() };
  const error = form.querySelector('.posture-error');
  error.textContent = '';
  const res = await fetch(`${API}/sectors/${encodeURIComponent(id)}/posture`, {
    method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  if (!res.ok) {
    const e = await res.json().catch(() => ({}));
    error.textContent = `${t('posture.failed')}: ${e.detail ?? res.status}`;
    return;
  }
  form.reason.value = '';
  // The live feed brings the change with its time; meanwhile show what is now in force.
  apply(id, body.posture, null);
}

// One listener for every posture form, wherever the popup or the side panel renders it.
document.addEventListener('submit', (e) => {
  if (!e.target.classList?.contains('posture-form')) return;
  e.preventDefault();
  submit(e.target);
});
