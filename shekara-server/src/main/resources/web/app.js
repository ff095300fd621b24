// The common operational picture: theatre layers from the REST API, live units, detections,
// tracks and GeoChat from the WebSocket feed. All ages are measured in data (event) time.
import { me } from './session.js';
import { t, lang, setLang, onLangChange, applyLabels } from './i18n.js';
import * as fmt from './format.js';
import { COLORS, unitSvg, trackSvg, baseSvg, crossingSvg, sensorSvg, siteSvg } from './symbols.js';
import { detailsHtml } from './details.js';
import { initAlerts } from './alerts.js';
import { registerSector, loadPostures, onPosture, postureHtml, sectorStyle } from './posture.js';
import { loadControl, onControl, controlClass, controlHtml } from './control.js';
import { registerZone, localName } from './names.js';
import { initReplay } from './replay.js';
import { raise } from './banner.js';

const API = '/api/v1';
const DETECTION_FADE_MS = 180_000;
const TRACK_EXPIRE_MS = 120_000;
const LEADER_S = 60;
const M_PER_DEG = 111_320;

const map = L.map('map', { zoomControl: true, attributionControl: false, zoomSnap: 0.25, zoomDelta: 0.5 });
map.createPane('basemap').style.zIndex = 250;
map.createPane('areas').style.zIndex = 300;
map.createPane('lines').style.zIndex = 350;
map.createPane('detections').style.zIndex = 450;
map.createPane('tracks').style.zIndex = 620;
const detectionRenderer = L.canvas({ pane: 'detections' });
L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(map);
map.setView([43, 62], 5);

const layers = {
  basemap: L.layerGroup(), sectors: L.layerGroup(), border: L.layerGroup(), roads: L.layerGroup(),
  restricted: L.layerGroup(), sites: L.layerGroup(), crossings: L.layerGroup(), bases: L.layerGroup(),
  coverage: L.layerGroup(), sensors: L.layerGroup(), detections: L.layerGroup(), tracks: L.layerGroup(),
  units: L.layerGroup(),
};
const LAYER_ORDER = ['basemap', 'sectors', 'border', 'crossings', 'sites', 'restricted', 'roads', 'bases',
  'sensors', 'coverage', 'units', 'tracks', 'detections'];
const DEFAULT_OFF = new Set(['coverage']);

const units = new Map();      // id -> { marker, props }
const tracks = new Map();     // id -> { marker, leader, ellipse, trail, props }
const endedTracks = new Map(); // id -> event time (ms) the tracker ended it: older updates do not bring it back
let detections = [];          // { layer, props, at }
let messages = [];
let latestMs = 0;             // event time of the newest data, ms
let exercise = false;
let zoneCount = 0;
let selected = null;          // { type, id, props }
let timeZone = null;          // the theatre's civil time offset, e.g. "+05:00"

// ---- theatre layers -------------------------------------------------------------------------

const HOME = /^(kz|kaz|kazakhstan)$|kazakh|қазақ|казах/i;

function zoneStyle(p) {
  switch (p.kind) {
    case 'country': {
      const home = HOME.test(p.id) || HOME.test(p.name);
      return { pane: 'basemap', color: home ? '#3d5368' : '#2a3744', weight: home ? 1.2 : 0.8, fillColor: home ? '#223141' : '#12191f', fillOpacity: 1 };
    }
    case 'sea': return { pane: 'basemap', color: '#1b3d5c', weight: 1, fillColor: '#0a2236', fillOpacity: 1 };
    case 'sector': return { pane: 'areas', dashArray: '6 5', ...sectorStyle(p.posture) };
    case 'border': return { pane: 'lines', color: COLORS.border, weight: 3, opacity: 0.95 };
    case 'road': return { pane: 'lines', color: '#5f6b78', weight: 1.4, opacity: 0.9 };
    case 'restricted-area': return { pane: 'areas', color: COLORS.alarm, weight: 1.5, dashArray: '3 4', fillColor: COLORS.alarm, fillOpacity: 0.1 };
    case 'protected-site': return { pane: 'areas', color: COLORS.site, weight: 1.8, fillColor: COLORS.site, fillOpacity: 0.25 };
    default: return { pane: 'areas', color: '#9fb3c8', weight: 1, fillOpacity: 0.05 };
  }
}

const ZONE_LAYER = {
  country: 'basemap', sea: 'basemap', sector: 'sectors', border: 'border', road: 'roads',
  'restricted-area': 'restricted', 'protected-site': 'sites', 'crossing-point': 'crossings',
};

function pointIcon(svg, size, cls = '') {
  return L.divIcon({ className: `sym-icon ${cls}`, html: svg, iconSize: [size, size], iconAnchor: [size / 2, size / 2] });
}

// Zone labels and tooltips, renamed when the language changes: { marker, p, label }.
const zoneLabels = [];

function sectorLabelIcon(p) {
  return L.divIcon({ className: 'sector-label', html: `<span>${fmt.esc(localName(p))}</span>`, iconSize: null });
}

function renameZones() {
  for (const z of zoneLabels) {
    if (z.label) z.marker.setIcon(sectorLabelIcon(z.p));
    else z.marker.setTooltipContent(fmt.esc(localName(z.p)));
  }
}

function addZone(f) {
  const p = f.properties;
  registerZone(p);
  const target = layers[ZONE_LAYER[p.kind]] ?? layers.restricted;
  const onClick = (e) => select('zone', p.id, p, e.latlng);
  if (p.kind === 'border') {
    // A soft glow under the line keeps the border readable over every fill.
    L.geoJSON(f, { style: { pane: 'lines', color: COLORS.border, weight: 8, opacity: 0.18 }, interactive: false }).addTo(target);
  }
  if (f.geometry.type === 'Point') {
    const [lon, lat] = f.geometry.coordinates;
    const svg = p.kind === 'crossing-point' ? crossingSvg() : siteSvg();
    const m = L.marker([lat, lon], { icon: pointIcon(svg, 18), keyboard: false }).on('click', onClick);
    m.bindTooltip(fmt.esc(localName(p)), { direction: 'right', offset: [9, 0], className: 'map-label', permanent: true });
    m.addTo(target);
    zoneLabels.push({ marker: m, p });
    if (p.bufferM > 0) {
      L.circle([lat, lon], { radius: p.bufferM, pane: 'areas', color: p.kind === 'protected-site' ? COLORS.site : '#cfd8e3',
        weight: 1.2, dashArray: '4 4', fillOpacity: 0.05, interactive: false }).addTo(target);
    }
    return;
  }
  const g = L.geoJSON(f, { style: () => zoneStyle(p), interactive: p.kind !== 'country' && p.kind !== 'sea' });
  g.on('click', onClick);
  g.addTo(target);
  if (p.kind === 'sector') registerSector(p.sector ?? p.id, g, p);
  if (p.buffer) {
    const color = p.kind === 'protected-site' ? COLORS.site : p.kind === 'restricted-area' ? COLORS.alarm : '#cfd8e3';
    L.geoJSON(p.buffer, { style: { pane: 'areas', color, weight: 1.2, dashArray: '4 4', fillColor: color, fillOpacity: 0.05 }, interactive: false })
      .addTo(target);
  }
  const label = p.labelLat != null ? [p.labelLat, p.labelLon] : g.getBounds().getCenter();
  if (p.kind === 'sector') {
    const m = L.marker(label, { icon: sectorLabelIcon(p), interactive: false, keyboard: false }).addTo(layers.sectors);
    zoneLabels.push({ marker: m, p, label: true });
  }
  if (p.kind === 'protected-site') {
    const m = L.marker(label, { icon: pointIcon(siteSvg(), 18), keyboard: false }).on('click', onClick)
      .bindTooltip(fmt.esc(localName(p)), { direction: 'right', offset: [9, 0], className: 'map-label', permanent: true }).addTo(target);
    zoneLabels.push({ marker: m, p });
  }
}

function addBase(f) {
  const p = f.properties;
  const [lon, lat] = f.geometry.coordinates;
  L.marker([lat, lon], { icon: pointIcon(baseSvg(p.kind), 22), keyboard: false, zIndexOffset: -100 })
    .bindTooltip(fmt.esc(p.name), { direction: 'bottom', offset: [0, 10], className: 'map-label base-label', permanent: true })
    .on('click', (e) => select('base', p.id, p, e.latlng)).addTo(layers.bases);
}

function addSensor(f) {
  const p = f.properties;
  const [lon, lat] = f.geometry.coordinates;
  L.marker([lat, lon], { icon: pointIcon(sensorSvg(p.alarm), 14), keyboard: false, zIndexOffset: -200 })
    .on('click', (e) => select('sensor', p.id, { ...p, lat, lon }, e.latlng)).addTo(layers.sensors);
  if (p.rangeM > 0) {
    L.circle([lat, lon], { radius: p.rangeM, pane: 'areas', color: '#7f93a8', weight: 0.8, opacity: 0.5, fillOpacity: 0.03, interactive: false })
      .addTo(layers.coverage);
  }
}

// ---- live objects ---------------------------------------------------------------------------

function seen(props) {
  if (props.classification) raise(props.classification);
  if (props.time) latestMs = Math.max(latestMs, Date.parse(props.time));
  if (props.exercise && !exercise) {
    exercise = true;
    document.getElementById('exercise-badge').hidden = false;
    document.getElementById('exercise-banner').hidden = false;
    document.body.classList.add('exercise');
  }
}

function unitIcon(p) {
  const cls = `${p.reported ? '' : 'not-reported'} ${controlClass(p.id)}`;
  return L.divIcon({
    className: `unit-icon ${cls}`, iconSize: [36, 26], iconAnchor: [18, 13],
    html: `<div data-unit="${fmt.esc(p.id)}">${unitSvg(p.kind, p.status, p.reported)}<span class="callsign">${fmt.esc(p.callsign)}</span></div>`,
  });
}

/** Names a marker's element (data-unit-marker, data-track-marker) so that it can be found and clicked. */
function tag(marker, key, id) {
  const apply = () => { const el = marker.getElement(); if (el) el.dataset[key] = id; };
  apply();
  if (!marker.shekaraTagged) {
    // A marker gets a new element each time its layer is shown again.
    marker.shekaraTagged = true;
    marker.on('add', apply);
  }
}

function upsertUnit(p, lat, lon) {
  seen(p);
  let u = units.get(p.id);
  const prev = u?.props;
  if (!u) {
    const marker = L.marker([lat, lon], { icon: unitIcon(p), zIndexOffset: 1000, keyboard: false })
      .on('click', (e) => select('unit', p.id, units.get(p.id).props, e.latlng));
    u = { marker, props: p };
    units.set(p.id, u);
    marker.addTo(layers.units);
    tag(marker, 'unitMarker', p.id);
  } else {
    if (prev.time && p.time && p.time < prev.time) return;
    u.marker.setLatLng([lat, lon]);
    if (prev.status !== p.status || prev.reported !== p.reported || prev.callsign !== p.callsign || prev.kind !== p.kind) {
      u.marker.setIcon(unitIcon(p));
      tag(u.marker, 'unitMarker', p.id);
    }
  }
  // A WebSocket position message carries no base/command: keep what the REST snapshot knew.
  u.props = { ...prev, ...p };
  refreshSelected('unit', p.id, u.props);
}

function ellipse(p) {
  const ee = p.covEE ?? 0, en = p.covEN ?? 0, nn = p.covNN ?? 0;
  const a = (ee + nn) / 2, b = Math.sqrt(((ee - nn) / 2) ** 2 + en ** 2);
  const l1 = Math.sqrt(Math.max(a + b, 0)), l2 = Math.sqrt(Math.max(a - b, 0));
  const th = 0.5 * Math.atan2(2 * en, ee - nn);
  const k = 2; // 2-sigma
  const cosLat = Math.cos((p.lat * Math.PI) / 180);
  const pts = [];
  for (let i = 0; i < 36; i++) {
    const f = (i / 36) * 2 * Math.PI;
    const e = k * (l1 * Math.cos(f) * Math.cos(th) - l2 * Math.sin(f) * Math.sin(th));
    const n = k * (l1 * Math.cos(f) * Math.sin(th) + l2 * Math.sin(f) * Math.cos(th));
    pts.push([p.lat + n / M_PER_DEG, p.lon + e / (M_PER_DEG * cosLat)]);
  }
  return pts;
}

function leader(p) {
  const cosLat = Math.cos((p.lat * Math.PI) / 180);
  return [[p.lat, p.lon], [p.lat + (p.vnMps * LEADER_S) / M_PER_DEG, p.lon + (p.veMps * LEADER_S) / (M_PER_DEG * cosLat)]];
}

function trackIcon(p) {
  return L.divIcon({
    className: 'track-icon', iconSize: [26, 26], iconAnchor: [13, 13],
    html: `<div data-track="${fmt.esc(p.id)}">${trackSvg(p.status)}<span class="track-label">${fmt.esc(p.id)}</span></div>`,
  });
}

function removeTrack(id) {
  const tr = tracks.get(id);
  if (!tr) return;
  [tr.ellipse, tr.trail, tr.leader, tr.marker].forEach((l) => layers.tracks.removeLayer(l));
  tracks.delete(id);
}

/** The tracker ended the track: it leaves the map at once; an open detail panel says it ended. */
function endTrack(p) {
  const last = tracks.get(p.id)?.props;
  removeTrack(p.id);
  endedTracks.set(p.id, Date.parse(p.time));
  if (selected && selected.type === 'track' && selected.id === p.id) {
    selected.props = { ...(last ?? {}), ...p };
    map.closePopup();
    document.getElementById('details').innerHTML = detailsHtml('track', selected.props);
  }
}

function upsertTrack(p) {
  seen(p);
  if (p.status === 'deleted') { endTrack(p); return; }
  if (endedTracks.has(p.id) && Date.parse(p.time) <= endedTracks.get(p.id)) return;
  endedTracks.delete(p.id);
  let tr = tracks.get(p.id);
  const trail = p.trail ? p.trail.map(([lon, lat]) => [lat, lon]) : [...(tr?.trail.getLatLngs() ?? []), L.latLng(p.lat, p.lon)].slice(-20);
  if (!tr) {
    tr = {
      ellipse: L.polygon(ellipse(p), { pane: 'tracks', color: COLORS.unknown, weight: 1, opacity: 0.7, fillOpacity: 0.08, interactive: false }),
      trail: L.polyline(trail, { pane: 'tracks', color: COLORS.unknown, weight: 1.5, opacity: 0.45, dashArray: '2 4', interactive: false }),
      leader: L.polyline(leader(p), { pane: 'tracks', color: COLORS.unknown, weight: 2, interactive: false }),
      marker: L.marker([p.lat, p.lon], { icon: trackIcon(p), pane: 'tracks', keyboard: false })
        .on('click', (e) => select('track', p.id, tracks.get(p.id).props, e.latlng)),
      props: p,
    };
    tracks.set(p.id, tr);
    [tr.ellipse, tr.trail, tr.leader, tr.marker].forEach((l) => l.addTo(layers.tracks));
    tag(tr.marker, 'trackMarker', p.id);
  } else {
    if (p.time < tr.props.time) return;
    tr.ellipse.setLatLngs(ellipse(p));
    tr.trail.setLatLngs(trail);
    tr.leader.setLatLngs(leader(p));
    tr.marker.setLatLng([p.lat, p.lon]);
    if (tr.props.status !== p.status) {
      tr.marker.setIcon(trackIcon(p));
      tag(tr.marker, 'trackMarker', p.id);
    }
  }
  tr.props = p;
  refreshSelected('track', p.id, p);
}

function addDetection(p) {
  seen(p);
  const at = Date.parse(p.time);
  const layer = p.alarm
    ? L.marker([p.lat, p.lon], { icon: L.divIcon({ className: 'alarm-icon', html: '<span></span>', iconSize: [16, 16], iconAnchor: [8, 8] }), keyboard: false })
    : L.circleMarker([p.lat, p.lon], { renderer: detectionRenderer, radius: 3.5, color: COLORS.unknown, weight: 1, fillColor: COLORS.unknown, fillOpacity: 0.85 });
  layer.on('click', (e) => select('detection', null, p, e.latlng));
  layer.addTo(layers.detections);
  detections.push({ layer, props: p, at });
  fade(detections[detections.length - 1]);
}

function fade(d) {
  const age = latestMs - d.at;
  const o = Math.max(0.12, 1 - age / DETECTION_FADE_MS);
  if (d.layer.setStyle) d.layer.setStyle({ opacity: o, fillOpacity: 0.85 * o });
  else d.layer.setOpacity(o);
}

/** Fades detections and drops stale tracks by data time, once a second. */
function age() {
  detections = detections.filter((d) => {
    if (latestMs - d.at > DETECTION_FADE_MS) { layers.detections.removeLayer(d.layer); return false; }
    fade(d);
    return true;
  });
  for (const [id, tr] of tracks) {
    if (latestMs - Date.parse(tr.props.time) > TRACK_EXPIRE_MS) removeTrack(id);
  }
  for (const [id, at] of endedTracks) {
    if (latestMs - at > TRACK_EXPIRE_MS) endedTracks.delete(id);
  }
  counts();
}

function counts() {
  const el = document.getElementById('map');
  el.dataset.zones = zoneCount;
  el.dataset.units = units.size;
  el.dataset.tracks = tracks.size;
  el.dataset.detections = detections.length;
  const iso = latestMs ? new Date(latestMs).toISOString() : null;
  document.getElementById('st-time').textContent = fmt.time(iso);
  document.getElementById('data-clock').textContent = `${fmt.clock(iso)} UTC` + (timeZone && timeZone !== 'Z' && iso ? ` · ${fmt.clock(fmt.shift(iso, timeZone))} (${timeZone})` : '');
}

// ---- details: popup and side panel ----------------------------------------------------------

/**
 * A popup's content: the object's details, for a sector its posture and the form to set it, for a
 * unit under another command than its own the command holding it.
 */
function selectedHtml(type, props) {
  return detailsHtml(type, props) + (type === 'zone' && props.kind === 'sector' ? postureHtml(props.sector ?? props.id) : '')
    + (type === 'unit' ? controlHtml(props.id) : '');
}

/** Redraws a unit's icon (and its popup when open) after its operational control changed. */
function controlChanged(id) {
  const u = units.get(id);
  if (!u) return;
  u.marker.setIcon(unitIcon(u.props));
  tag(u.marker, 'unitMarker', id);
  refreshSelected('unit', id, u.props);
}

function select(type, id, props, latlng) {
  selected = { type, id, props, latlng };
  const html = selectedHtml(type, props);
  L.popup({ className: 'cop-popup', maxWidth: 320, autoPanPadding: [40, 40] }).setLatLng(latlng).setContent(html).openOn(map);
  document.getElementById('details').innerHTML = html;
}

function refreshSelected(type, id, props) {
  if (selected && selected.type === type && selected.id === id) {
    selected.props = props;
    document.getElementById('details').innerHTML = detailsHtml(type, props) + (type === 'unit' ? controlHtml(id) : '');
  }
}

// ---- GeoChat --------------------------------------------------------------------------------

function addMessage(m) {
  seen(m);
  if (messages.some((x) => x.id === m.id)) return;
  messages.push(m);
  messages.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  messages = messages.slice(-200);
  renderChat();
}

function renderChat() {
  const list = document.getElementById('chat-list');
  if (!messages.length) {
    list.innerHTML = `<li class="empty">${fmt.esc(t('chat.empty'))}</li>`;
    return;
  }
  list.innerHTML = messages.map((m) => `<li class="${m.senderUid === 'SHEKARA-OPS' ? 'own' : ''}" data-message="${fmt.esc(m.id)}">
      <div class="meta"><span class="time">${fmt.esc(fmt.clock(m.time))}</span> <b>${fmt.esc(m.senderCallsign)}</b>
      <span class="room">→ ${fmt.esc(m.chatroom)}</span>${m.exercise ? `<span class="ex">${fmt.esc(t('exercise.badge'))}</span>` : ''}</div>
      <div class="text">${fmt.esc(m.text)}</div></li>`).join('');
  list.scrollTop = list.scrollHeight;
}

// Only a role that may chat (an operator or commander) is offered the form; the others read.
document.getElementById('chat-form').hidden = !me.actions.includes('chat');
document.getElementById('chat-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = document.getElementById('chat-input');
  const text = input.value.trim();
  if (!text) return;
  const res = await fetch(`${API}/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text }) });
  if (res.ok) {
    input.value = '';
    addMessage(await res.json());
  } else {
    input.classList.add('failed');
    input.title = t('chat.failed');
  }
});

// ---- status line and live feed ----------------------------------------------------------------

function status(s) {
  document.getElementById('st-tak').textContent = s.takClients ?? t('none');
  document.getElementById('st-in').textContent = s.inPerSec ?? 0;
  document.getElementById('st-out').textContent = s.outPerSec ?? 0;
  document.getElementById('st-live').textContent = s.livePerSec ?? 0;
  const store = document.getElementById('st-store');
  store.textContent = (s.store ? t(`store.${s.store}`) : '—') + (s.unstored ? ` · ${s.unstored} ${t('store.unstored')}` : '');
  store.dataset.state = s.store ?? '';
  const kafka = document.getElementById('st-kafka');
  document.getElementById('st-kafka-box').hidden = !s.kafka;
  if (s.kafka) {
    kafka.textContent = `${t(`store.${s.kafka.broker}`)} · ${t('status.lag')} ${s.kafka.lag}`
      + (s.kafka.backPressure ? ` · ${s.kafka.backPressure} ${t('status.heldBack')}` : '');
    kafka.dataset.state = s.kafka.broker;
  }
  if (s.latestEventTime) latestMs = Math.max(latestMs, Date.parse(s.latestEventTime));
}

let wsState = 'connecting';
function setWsState(s) {
  wsState = s;
  document.getElementById('ws-state').dataset.state = s;
  document.getElementById('ws-label').textContent = t(`ws.${s}`);
  document.body.dataset.ws = s;
}

function onLive(msg) {
  switch (msg.type) {
    case 'unit': upsertUnit(msg, msg.lat, msg.lon); break;
    case 'track': upsertTrack(msg); break;
    case 'detection': addDetection(msg); break;
    case 'message': addMessage(msg); break;
    case 'posture': onPosture(msg); break;
    case 'control': controlChanged(onControl(msg)); break;
    case 'status': status(msg); break;
    default: break;
  }
}

let retry = 500;
function connect() {
  setWsState('connecting');
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${API}/live`);
  ws.onopen = () => { retry = 500; setWsState('open'); loadLive(); };
  ws.onmessage = (e) => {
    const data = JSON.parse(e.data);
    (Array.isArray(data) ? data : [data]).forEach(onLive);
    counts();
  };
  ws.onclose = () => {
    setWsState('closed');
    setTimeout(connect, retry);
    retry = Math.min(retry * 2, 10_000);
  };
}

// ---- loading --------------------------------------------------------------------------------

async function get(path) {
  const res = await fetch(`${API}${path}`);
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.json();
}

async function loadTheatre() {
  const [theatre, zones, bases, sensors] = await Promise.all([get('/theatre'), get('/zones'), get('/bases'), get('/sensors')]);
  document.getElementById('theatre-name').textContent = theatre.name;
  timeZone = theatre.timeZone ?? null;
  if (theatre.bbox) {
    const [w, s, e, n] = theatre.bbox;
    map.fitBounds([[s, w], [n, e]], { padding: [10, 10] });
  }
  zones.features.forEach(addZone);
  zoneCount = zones.features.length;
  bases.features.forEach(addBase);
  sensors.features.forEach(addSensor);
  counts();
}

/** Loads (or, after a reconnect, reloads) the live picture over REST; the feed then keeps it current. */
async function loadLive() {
  const since = latestMs ? new Date(latestMs - DETECTION_FADE_MS).toISOString() : null;
  const shownBefore = new Map([...tracks].map(([id, x]) => [id, x.props]));
  const [u, tr, d, m] = await Promise.all([get('/units'), get('/tracks'),
    get(since ? `/detections?since=${encodeURIComponent(since)}` : '/detections'), get('/messages')]);
  u.features.forEach((f) => upsertUnit(f.properties, f.geometry.coordinates[1], f.geometry.coordinates[0]));
  tr.features.forEach((f) => upsertTrack(f.properties));
  // A track the picture no longer holds, and no live update touched meanwhile, ended while the feed was down.
  const inPicture = new Set(tr.features.map((f) => f.properties.id));
  shownBefore.forEach((props, id) => { if (!inPicture.has(id) && tracks.get(id)?.props === props) removeTrack(id); });
  const known = new Set(detections.map((x) => `${x.props.sensor}|${x.props.time}|${x.props.lat}|${x.props.lon}`));
  d.features.filter((f) => !known.has(`${f.properties.sensor}|${f.properties.time}|${f.properties.lat}|${f.properties.lon}`))
    .forEach((f) => addDetection(f.properties));
  m.messages.forEach(addMessage);
  renderChat();
  await loadPostures();
  await loadControl();
  units.forEach((u, id) => controlChanged(id));
  counts();
}

// ---- layer toggles and legend -----------------------------------------------------------------

function renderLayers() {
  const box = document.getElementById('layers');
  box.innerHTML = LAYER_ORDER.map((k) => `<label class="toggle"><input type="checkbox" id="layer-${k}" data-layer="${k}"
      ${map.hasLayer(layers[k]) ? 'checked' : ''}><span>${fmt.esc(t(`layer.${k}`))}</span></label>`).join('');
  box.querySelectorAll('input').forEach((cb) => cb.addEventListener('change', () => {
    const l = layers[cb.dataset.layer];
    if (cb.checked) map.addLayer(l); else map.removeLayer(l);
  }));
}

function renderLegend() {
  const row = (svg, key) => `<div class="legend-row"><span class="legend-sym">${svg}</span><span>${fmt.esc(t(key))}</span></div>`;
  const line = (style) => `<svg width="30" height="14"><path d="M2 7 L28 7" ${style}/></svg>`;
  const kinds = ['foot-patrol', 'ground-vehicle', 'helicopter', 'boat'];
  document.getElementById('legend').innerHTML = [
    `<div class="legend-row kinds">${kinds.map((k) => `<span class="legend-kind" title="${fmt.esc(t(`unitKind.${k}`))}">${unitSvg(k, 'available', true)}<small>${fmt.esc(t(`unitKind.${k}`))}</small></span>`).join('')}</div>`,
    row(unitSvg('ground-vehicle', null, false), 'legend.notReported'),
    row('<svg width="30" height="16"><rect x="4" y="1" width="22" height="14" rx="3" fill="none" stroke="#ffb000" stroke-width="2" stroke-dasharray="3 2"/></svg>', 'legend.underOther'),
    row(trackSvg('confirmed'), 'legend.track'),
    row(line(`stroke="${COLORS.unknown}" stroke-width="2"`), 'legend.leader'),
    row(`<svg width="30" height="16"><ellipse cx="15" cy="8" rx="12" ry="5" fill="rgba(255,216,77,.1)" stroke="${COLORS.unknown}"/></svg>`, 'legend.ellipse'),
    row(`<svg width="30" height="14"><circle cx="15" cy="7" r="3.5" fill="${COLORS.unknown}"/></svg>`, 'legend.detection'),
    row(`<svg width="30" height="16"><circle cx="15" cy="8" r="5" fill="${COLORS.alarm}"/><circle cx="15" cy="8" r="7.5" fill="none" stroke="${COLORS.alarm}"/></svg>`, 'legend.alarm'),
    row(line(`stroke="${COLORS.border}" stroke-width="3"`), 'legend.border'),
    row(`<svg width="30" height="14">${['normal', 'elevated', 'high'].map((p, i) => `<rect x="${1 + i * 10}" y="2" width="8" height="10" fill="none" stroke="${COLORS.posture[p]}" stroke-dasharray="3 2"/>`).join('')}</svg>`, 'legend.sector'),
    row(crossingSvg(), 'legend.crossing'),
    row(siteSvg(), 'legend.site'),
    row(baseSvg('border-post'), 'legend.base'),
    row(sensorSvg(false), 'legend.sensor'),
  ].join('');
}

function relabel() {
  document.querySelectorAll('.lang button').forEach((b) => b.classList.toggle('active', b.dataset.lang === lang()));
  renderLayers();
  renderLegend();
  renderChat();
  renameZones();
  setWsState(wsState);
  if (selected) {
    const html = selectedHtml(selected.type, selected.props);
    document.getElementById('details').innerHTML = html;
    map.closePopup();
  }
}

document.querySelectorAll('.lang button').forEach((b) => b.addEventListener('click', () => setLang(b.dataset.lang)));
onLangChange(relabel);
map.on('mousemove', (e) => { document.getElementById('st-cursor').textContent = fmt.latlon(e.latlng.lat, e.latlng.lng); });
function zoomClass() {
  const el = document.getElementById('map');
  el.dataset.zoom = map.getZoom();
  // Names of bases, crossings and sites would bury each other at theatre scale: show them closer in.
  el.classList.toggle('zoom-far', map.getZoom() < 7);
  // At theatre scale symbols shrink and callsigns give way, so that sectors and borders stay readable.
  el.classList.toggle('zoom-theatre', map.getZoom() < 6.5);
}
map.on('zoomend', zoomClass);
zoomClass();

LAYER_ORDER.forEach((k) => { if (!DEFAULT_OFF.has(k)) layers[k].addTo(map); });
applyLabels(document);
relabel();

/** Hooks for the browser test and for operators' scripts: read-only views of the picture. */
window.shekaraCop = {
  unitLatLng: (id) => { const u = units.get(id); return u ? [u.marker.getLatLng().lat, u.marker.getLatLng().lng] : null; },
  unitProps: (id) => units.get(id)?.props ?? null,
  trackIds: () => [...tracks.keys()],
  trackEnded: (id) => endedTracks.has(id),
  focus: (lat, lon, zoom) => map.setView([lat, lon], zoom, { animate: false }),
  trackLatLng: (id) => { const tr = tracks.get(id); return tr ? [tr.marker.getLatLng().lat, tr.marker.getLatLng().lng] : null; },
  map,
  /** Drops the picture and loads it again (a replay session seeking back in time). */
  reset: () => {
    units.forEach((u) => layers.units.removeLayer(u.marker));
    units.clear();
    tracks.forEach((tr) => [tr.ellipse, tr.trail, tr.leader, tr.marker].forEach((l) => layers.tracks.removeLayer(l)));
    tracks.clear();
    endedTracks.clear();
    detections.forEach((d) => layers.detections.removeLayer(d.layer));
    detections = [];
    latestMs = 0;
    return loadLive();
  },
  ready: false,
};

loadTheatre()
  .then(() => {
    connect();
    initAlerts(map, document.getElementById('alerts'), me.user);
    return initReplay(window.shekaraCop);
  })
  .then(() => {
    window.shekaraCop.ready = true;
    document.body.dataset.ready = 'true';
  })
  .catch((e) => { document.getElementById('details').textContent = String(e); });
setInterval(age, 1000);
