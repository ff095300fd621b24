// After-action review on the web map. In a replay session (GET /api/v1/replay answers) a REPLAY bar
// shows the period and the replay time, with play/pause, speed and a time slider that seeks the
// session. On any map, the "Review" panel steps through one incident with a slider: the picture at
// time T within the incident's period comes from the event log (GET /api/v1/incidents/{id}/picture)
// and is drawn over the map; the incident's file can be opened as a printable page or JSON.
// Use: import { initReplay } from './replay.js'; initReplay(window.shekaraCop);
import { lang, onLangChange, t } from './i18n.js';
import { esc } from './format.js';

const API = '/api/v1';
const POLL_MS = 500;
const REVIEW_MARGIN_MS = 10 * 60_000;
const SPEEDS = [1, 10, 60, 600, 0];

const tr = (k) => t(`replay.${k}`);
const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');
const show = (ms) => iso(ms).replace('T', ' ');

async function call(path, body) {
  const res = await fetch(`${API}${path}`, body === undefined ? {} : {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}

function el(html) {
  const t = document.createElement('template');
  t.innerHTML = html.trim();
  return t.content.firstElementChild;
}

// ---- replay session bar ------------------------------------------------------------------------

function replayBar(cop, first) {
  const from = Date.parse(first.from);
  const to = Date.parse(first.to);
  const bar = el(`<div id="replay-bar" class="replay-bar" data-replay="banner">
    <b class="replay-label"></b> <span class="replay-period">${esc(show(from))} – ${esc(show(to))}</span>
    <span class="replay-time" id="replay-time"></span>
    <button type="button" id="replay-toggle"></button>
    <select id="replay-speed">${SPEEDS.map((s) => `<option value="${s}">${s === 0 ? '' : `×${s}`}</option>`).join('')}</select>
    <input type="range" id="replay-slider" min="0" max="${Math.round((to - from) / 1000)}" step="1" value="0">
  </div>`);
  document.body.classList.add('replay');
  document.getElementById('topbar').after(bar);
  const slider = bar.querySelector('#replay-slider');
  const toggle = bar.querySelector('#replay-toggle');
  const speed = bar.querySelector('#replay-speed');
  let state = first;
  let dragging = false;
  const render = () => {
    bar.querySelector('.replay-label').textContent = tr('replay');
    speed.querySelector('option[value="0"]').textContent = tr('fast');
    toggle.textContent = state.paused ? tr('play') : tr('pause');
    const now = Date.parse(state.time);
    const timeEl = bar.querySelector('#replay-time');
    timeEl.textContent = show(now);
    timeEl.dataset.time = state.time;
    bar.dataset.paused = state.paused;
    bar.dataset.ended = state.ended;
    if (!dragging) slider.value = Math.round((now - from) / 1000);
    if (document.activeElement !== speed) speed.value = String(state.speed);
    document.title = `${tr('replay')} ${show(now)} — Shekara`;
  };
  const refresh = async () => { try { state = await call('/replay'); render(); } catch (e) { /* server gone; retry */ } };
  toggle.addEventListener('click', async () => { state = await call(state.paused ? '/replay/resume' : '/replay/pause', {}); render(); });
  speed.addEventListener('change', async () => { state = await call('/replay/speed', { speed: Number(speed.value) }); render(); });
  slider.addEventListener('input', () => { dragging = true; });
  slider.addEventListener('change', async () => {
    dragging = true;
    const at = iso(from + Number(slider.value) * 1000);
    try {
      state = await call('/replay/seek', { at });
      await cop.reset();
    } finally {
      dragging = false;
      render();
    }
  });
  onLangChange(render);
  render();
  setInterval(refresh, POLL_MS);
}

// ---- incident review -----------------------------------------------------------------------

function reviewPanel(cop) {
  const layer = L.layerGroup();
  const reviewTracks = new Map();
  const panel = el(`<section class="panel review-panel" id="review-panel">
    <h2 class="review-title"></h2>
    <div class="review-pick"><select id="review-incident"></select> <button type="button" id="review-open"></button></div>
    <div class="review-body" hidden>
      <div><span class="review-at-label"></span> <b id="review-at"></b></div>
      <input type="range" id="review-slider" min="0" max="0" step="1" value="0">
      <div class="review-links"><a id="review-report" target="_blank" rel="noopener"></a> · <a id="review-json" target="_blank" rel="noopener"></a>
        · <button type="button" id="review-close"></button></div>
    </div>
  </section>`);
  (document.getElementById('details-panel') ?? document.getElementById('side').lastElementChild).before(panel);
  const select = panel.querySelector('#review-incident');
  const body = panel.querySelector('.review-body');
  const slider = panel.querySelector('#review-slider');
  let current = null; // { id, from }
  let seq = 0;

  const labels = () => {
    panel.querySelector('.review-title').textContent = tr('review');
    panel.querySelector('#review-open').textContent = tr('open');
    panel.querySelector('#review-close').textContent = tr('close');
    panel.querySelector('.review-at-label').textContent = tr('at');
    panel.querySelector('#review-report').textContent = tr('report');
    panel.querySelector('#review-json').textContent = tr('json');
    if (current) panel.querySelector('#review-report').href = `${API}/incidents/${encodeURIComponent(current.id)}/export.html?lang=${lang()}`;
  };
  const loadIncidents = async () => {
    try {
      const list = await call('/incidents?limit=100');
      const keep = select.value;
      select.innerHTML = list.length
        ? `<option value="">${esc(tr('pick'))}</option>` + list.map((i) => `<option value="${esc(i.id)}">${esc(i.id)} · ${esc(i.status)} · ${esc(i.sector ?? '')}</option>`).join('')
        : `<option value="">${esc(tr('none'))}</option>`;
      if ([...select.options].some((o) => o.value === keep)) select.value = keep;
    } catch (e) { /* the alert panel shows the server's state */ }
  };
  const draw = (picture) => {
    layer.clearLayers();
    reviewTracks.clear();
    picture.tracks.forEach((t) => {
      L.polyline(t.trail.map(([lon, lat]) => [lat, lon]), { color: '#ff8c1a', weight: 2, interactive: false }).addTo(layer);
      const m = L.marker([t.lat, t.lon], { keyboard: false, icon: L.divIcon({ className: 'review-track',
        iconSize: [14, 14], iconAnchor: [7, 7], html: `<div data-review-track="${esc(t.id)}"></div>` }) }).addTo(layer);
      reviewTracks.set(t.id, m);
    });
    picture.units.forEach((u) => L.marker([u.lat, u.lon], { keyboard: false, icon: L.divIcon({ className: 'review-unit',
      iconSize: [12, 12], iconAnchor: [6, 6], html: `<div data-review-unit="${esc(u.id)}" title="${esc(u.callsign)}"></div>` }) }).addTo(layer));
    picture.alerts.forEach((a) => L.circleMarker([a.lat, a.lon], { radius: 9, color: '#e0301e', weight: 2, fill: false,
      interactive: false }).addTo(layer));
    document.getElementById('review-at').textContent = show(Date.parse(picture.at));
    document.getElementById('review-at').dataset.time = picture.at;
  };
  const showAt = async () => {
    if (!current) return;
    const mine = ++seq;
    const at = iso(current.from + Number(slider.value) * 1000);
    const picture = await call(`/incidents/${encodeURIComponent(current.id)}/picture?at=${encodeURIComponent(at)}`);
    if (mine === seq) draw(picture);
  };
  panel.querySelector('#review-open').addEventListener('click', async () => {
    const id = select.value;
    if (!id) return;
    const inc = await call(`/incidents/${encodeURIComponent(id)}/export.json`);
    const from = Date.parse(inc.period.from) - REVIEW_MARGIN_MS;
    const to = Date.parse(inc.period.to) + REVIEW_MARGIN_MS;
    current = { id, from };
    slider.max = Math.round((to - from) / 1000);
    slider.value = Math.round((Date.parse(inc.period.from) - from) / 1000);
    panel.querySelector('#review-json').href = `${API}/incidents/${encodeURIComponent(id)}/export.json`;
    body.hidden = false;
    document.body.classList.add('reviewing');
    layer.addTo(cop.map);
    labels();
    cop.map.setView([inc.incident.lat, inc.incident.lon], Math.max(cop.map.getZoom(), 9), { animate: false });
    await showAt();
  });
  slider.addEventListener('input', showAt);
  slider.addEventListener('change', showAt);
  panel.querySelector('#review-close').addEventListener('click', () => {
    current = null;
    body.hidden = true;
    layer.clearLayers();
    cop.map.removeLayer(layer);
    document.body.classList.remove('reviewing');
  });
  onLangChange(() => { labels(); loadIncidents(); });
  labels();
  loadIncidents();
  setInterval(loadIncidents, 5000);
  cop.reviewTrackLatLng = (id) => { const m = reviewTracks.get(id); return m ? [m.getLatLng().lat, m.getLatLng().lng] : null; };
}

export async function initReplay(cop) {
  document.head.append(el('<link rel="stylesheet" href="/replay.css">'));
  reviewPanel(cop);
  const res = await fetch(`${API}/replay`);
  if (res.ok) replayBar(cop, await res.json());
}
