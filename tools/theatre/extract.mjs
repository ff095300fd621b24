// Extracts the default theatre (theatre/default) from Natural Earth 1:10m admin-0 countries, as carried
// by the npm package world-atlas (countries-10m.json, TopoJSON). Made with Natural Earth (public domain).
//
//   cd tools/theatre && npm ci && node extract.mjs
//
// Writes basemap.geojson (countries, Caspian sea area), sectors.geojson (sector areas and border lines),
// sites.geojson (crossing points, protected sites, restricted areas, roads) and the generated asset lists
// bases.yaml, units.yaml, sensors.yaml. Output is deterministic: same inputs, same bytes.
import {readFileSync, writeFileSync} from 'node:fs';
import * as topojson from 'topojson-client';
import * as simplifyTopo from 'topojson-simplify';
import polygonClipping from 'polygon-clipping';
import {corridor, cut, inland, inMultiPolygon, km, lineKm, nearestOnLine, pointAlong, round, untilLon} from './geo.mjs';
import {CROSSINGS, PLACES, ROADS, fallbackName} from './places.mjs';
import {writeAssets} from './assets.mjs';

const OUT = new URL('../../theatre/default/', import.meta.url);
const world = JSON.parse(readFileSync(new URL('./node_modules/world-atlas/countries-10m.json', import.meta.url), 'utf8'));

const KZ = '398', UZ = '860', KG = '417';
const COUNTRIES = [
  {id: '398', a2: 'KZ', en: 'Kazakhstan', ru: 'Казахстан', kk: 'Қазақстан'},
  {id: '860', a2: 'UZ', en: 'Uzbekistan', ru: 'Узбекистан', kk: 'Өзбекстан'},
  {id: '417', a2: 'KG', en: 'Kyrgyzstan', ru: 'Кыргызстан', kk: 'Қырғызстан'},
  {id: '795', a2: 'TM', en: 'Turkmenistan', ru: 'Туркменистан', kk: 'Түрікменстан'},
  {id: '762', a2: 'TJ', en: 'Tajikistan', ru: 'Таджикистан', kk: 'Тәжікстан'},
  {id: '156', a2: 'CN', en: 'China', ru: 'Китай', kk: 'Қытай'},
  {id: '643', a2: 'RU', en: 'Russia', ru: 'Россия', kk: 'Ресей'},
  {id: '004', a2: 'AF', en: 'Afghanistan', ru: 'Афганистан', kk: 'Ауғанстан'},
  {id: '364', a2: 'IR', en: 'Iran', ru: 'Иран', kk: 'Иран'},
  {id: '031', a2: 'AZ', en: 'Azerbaijan', ru: 'Азербайджан', kk: 'Әзірбайжан'},
];
// The basemap window: the southern border, the Caspian coast and their neighbours.
const BASEMAP_BOX = [46.0, 37.0, 81.0, 47.5];
// The Caspian sector around Aktau, Bautino and the offshore site.
const CASPIAN_BOX = [49.6, 42.9, 52.3, 44.9];
// Kilometres of the KZ-UZ border held by the Turkistan region (ref section 4: 913 km of 2,351.4 km),
// scaled to the Natural Earth line, which is shorter than the demarcated border.
const TURKISTAN_SHARE = 913 / 2351.4;
// Where the Zhambyl region's stretch of the KZ-KG border ends in the east: the Korday district is the
// region's easternmost and reaches the Chu opposite Tokmok; the cut is approximate.
const ZHAMBYL_EAST_LON = 75.6;
const SECTOR_KM = 85;
const CORRIDOR_KM = 25;

const mesh = (a, b) => topojson.mesh(world, world.objects.countries, (x, y) => (x.id === a && y.id === b) || (x.id === b && y.id === a));
const single = (m) => {
  if (m.coordinates.length !== 1) throw new Error(`expected one border line, got ${m.coordinates.length}`);
  return m.coordinates[0];
};
const country = (id) => topojson.feature(world, world.objects.countries.geometries.find((g) => g.id === id));
const multi = (geom) => (geom.type === 'Polygon' ? [geom.coordinates] : geom.coordinates);
const box = ([w, s, e, n]) => [[[w, s], [e, s], [e, n], [w, n], [w, s]]];

// Both lines start at the KZ-UZ-KG tripoint: the UZ line runs west, the KG line east.
const uzLine = single(mesh(KZ, UZ)).slice().reverse();
const kgLine = single(mesh(KZ, KG)).slice().reverse();
if (km(uzLine[0], kgLine[0]) > 1) throw new Error('border lines do not meet at the tripoint');
const kzLand = multi(country(KZ).geometry);

// ---- sectors ----------------------------------------------------------------------------------
function stretchSectors(prefix, stretch, line, command, neighbour) {
  const total = lineKm(line);
  const n = Math.max(1, Math.round(total / SECTOR_KM));
  const out = [];
  for (let i = 0; i < n; i++) {
    const piece = cut(line, (total * i) / n, (total * (i + 1)) / n);
    out.push({id: `${prefix}-${String(i + 1).padStart(2, '0')}`, stretch, command, neighbour, line: piece, km: lineKm(piece)});
  }
  return out;
}

/**
 * Names each sector after the reference place beside it: a place within 40 km of the stretch's border
 * line belongs to the sector whose stretch of line it is nearest to, and a sector takes the closest of
 * its places. Sectors with none get a numbered landscape name.
 */
function nameSectors(sectors) {
  const used = new Set();
  const pick = (s, rule) => {
    let best = null;
    for (const p of PLACES) {
      const at = [p.at[1], p.at[0]];
      const own = nearestOnLine(s.line, at).km;
      if (own <= 40 && !used.has(p.id) && rule(at, own) && (!best || own < best.d)) best = {p, d: own};
    }
    if (best) {
      s.name = {en: best.p.en, ru: best.p.ru, kk: best.p.kk};
      s.place = best.p;
      used.add(best.p.id);
    }
  };
  const nearestSector = (s) => (at, own) => sectors.filter((o) => o.stretch === s.stretch).every((o) => nearestOnLine(o.line, at).km >= own);
  for (const s of sectors) pick(s, nearestSector(s));
  // A sector left without a place of its own may take an unused one beside a neighbour.
  for (const s of sectors) if (!s.name) pick(s, () => true);
  const counts = {};
  for (const s of sectors) {
    if (s.name) continue;
    const mid = s.line[Math.floor(s.line.length / 2)];
    const f = fallbackName(s.stretch, mid[0]);
    counts[f.en] = (counts[f.en] || 0) + 1;
    s.name = {en: `${f.en} ${counts[f.en]}`, ru: `${f.ru} ${counts[f.en]}`, kk: `${f.kk} ${counts[f.en]}`};
  }
}

const uzTotal = lineKm(uzLine);
const turkistanLine = cut(uzLine, 0, uzTotal * TURKISTAN_SHARE);
const zhambylLine = untilLon(kgLine, ZHAMBYL_EAST_LON);
const sectors = [
  ...stretchSectors('uz', 'uz', turkistanLine, 'turkistan', 'UZ'),
  ...stretchSectors('kg', 'kg', zhambylLine, 'zhambyl', 'KG'),
];
nameSectors(sectors);
let taken = [];
for (const s of sectors) {
  const area = corridor(s.line, CORRIDOR_KM);
  s.area = taken.length ? polygonClipping.difference(area, ...taken) : area;
  taken.push(s.area);
}
const caspianBox = box(CASPIAN_BOX);

// ---- basemap ----------------------------------------------------------------------------------
const light = simplifyTopo.simplify(simplifyTopo.presimplify(world), 1e-5);
const clipBox = box(BASEMAP_BOX);
const basemap = [];
for (const c of COUNTRIES) {
  const f = topojson.feature(light, light.objects.countries.geometries.find((g) => g.id === c.id));
  const clipped = polygonClipping.intersection(multi(f.geometry), clipBox);
  if (!clipped.length) continue;
  basemap.push(feature({kind: 'country', id: `country-${c.a2.toLowerCase()}`, name: c.en, name_en: c.en, name_ru: c.ru, name_kk: c.kk, iso_a2: c.a2,
    source: 'Natural Earth 1:10m admin-0 countries (world-atlas 2.0.2), simplified, clipped to the theatre window'}, polygonal(clipped)));
}
// The sea is the Caspian box minus land at full 1:10m detail, so boat routes inside it never cross land.
const land = COUNTRIES.flatMap((c) => multi(country(c.id).geometry)).filter((poly) => intersectsBox(poly, CASPIAN_BOX));
const sea = polygonClipping.difference(caspianBox, ...land.map((p) => [p]));
basemap.push(feature({kind: 'sea', id: 'sea-caspian-aktau', name: 'Caspian Sea (Aktau sector)', name_en: 'Caspian Sea (Aktau sector)',
  name_ru: 'Каспийское море (сектор Актау)', name_kk: 'Каспий теңізі (Ақтау секторы)', sector: 'caspian',
  source: 'sector box minus Natural Earth 1:10m land'}, polygonal(sea)));

// ---- sector and border features ---------------------------------------------------------------
const sectorFeatures = [];
for (const s of sectors) {
  const p = s.place;
  sectorFeatures.push(feature({kind: 'sector', id: s.id, name: s.name.en, name_en: s.name.en, name_ru: s.name.ru, name_kk: s.name.kk,
    sector: s.id, command: s.command, neighbour: s.neighbour, posture: 'normal', length_km: Math.round(s.km),
    note: `${CORRIDOR_KM} km corridor each side of the border line` + (p ? `; named after ${p.en}` + (p.general ? ` (${p.note})` : '') : '; no reference place near it')}, polygonal(s.area)));
}
sectorFeatures.push(feature({kind: 'sector', id: 'caspian', name: 'Caspian (Aktau)', name_en: 'Caspian (Aktau)', name_ru: 'Каспий (Актау)',
  name_kk: 'Каспий (Ақтау)', sector: 'caspian', command: 'caspian', neighbour: 'AZ', posture: 'normal',
  note: 'sea and coast around Aktau, Bautino and the offshore site; box chosen for the demo'}, {type: 'Polygon', coordinates: caspianBox}));
for (const s of sectors) {
  sectorFeatures.push(feature({kind: 'border', id: `border-${s.id}`, name: `Border ${s.neighbour}: ${s.name.en}`, sector: s.id,
    length_km: Math.round(s.km), source: 'Natural Earth 1:10m, KZ-' + s.neighbour + ' mesh'}, {type: 'LineString', coordinates: s.line.map((c) => round(c, 5))}));
}

// ---- sites ------------------------------------------------------------------------------------
const sectorOf = (lonlat) => sectors.find((s) => inMultiPolygon(s.area, lonlat))?.id
  ?? (lonlat[0] >= CASPIAN_BOX[0] && lonlat[0] <= CASPIAN_BOX[2] && lonlat[1] >= CASPIAN_BOX[1] && lonlat[1] <= CASPIAN_BOX[3] ? 'caspian' : null);
const sites = [];
const allBorder = {UZ: uzLine, KG: kgLine};
for (const c of CROSSINGS) {
  let at;
  let basis;
  if (c.at) {
    at = [c.at[1], c.at[0]];
    basis = `${c.basis} (reference point)`;
  } else {
    at = nearestOnLine(allBorder[c.country], [c.near[1], c.near[0]]).point;
    basis = `placed on the Natural Earth border nearest to ${c.nearName}`;
  }
  const props = {kind: 'crossing-point', id: c.id, name: c.en, name_en: c.en, name_ru: c.ru, name_kk: c.kk,
    counterpart: c.counterpart, counterpart_country: c.country, mode: 'road', sector: sectorOf(at), buffer_m: 500,
    approximate: true, basis, note: c.note + (c.general ? '; the town point used is itself approximate' : '')};
  if (!props.sector) delete props.sector;
  sites.push(feature(props, {type: 'Point', coordinates: round(at)}));
}
const offshore = [50.80, 43.45];
if (inMultiPolygon(land.map((p) => p), offshore)) throw new Error('offshore site is on land');
sites.push(feature({kind: 'protected-site', id: 'site-offshore-aktau', name: 'Offshore energy site off Aktau', name_ru: 'Морской энергетический объект у Актау',
  name_kk: 'Ақтау маңындағы теңіз энергетикалық нысаны', sector: 'caspian', buffer_m: 5000, approximate: true,
  note: 'illustrative position ~30 km WSW of Aktau; not a real platform'}, {type: 'Point', coordinates: offshore}));
const pipeline = [[69.60, 42.31], [71.37, 42.90]];
sites.push(feature({kind: 'protected-site', id: 'site-pipeline-shymkent-taraz', name: 'Gas pipeline corridor Shymkent - Taraz (CAGP / BTBA)',
  name_ru: 'Коридор газопроводов Шымкент - Тараз', name_kk: 'Шымкент - Тараз газ құбырлары дәлізі', buffer_m: 2000, approximate: true,
  note: 'straight line between the route towns Shymkent and Taraz (ref section 2); the real trace is not in the reference'},
{type: 'LineString', coordinates: pipeline}));
const kazygurt = sites.find((f) => f.properties.id === 'cp-kazygurt');
sites.push(feature({kind: 'restricted-area', id: 'area-kazygurt-pipelines', name: 'Gas pipelines at the Kazygurt crossing',
  name_ru: 'Газопроводы у КПП Казыгурт', sector: kazygurt.properties.sector, approximate: true,
  note: 'Uztransgaz gas pipelines pass between the KZ and UZ posts (ref 1a #3); 1.5 km area around the approximate crossing point'},
{type: 'Polygon', coordinates: [circle(kazygurt.geometry.coordinates, 1.5)]}));
for (const r of ROADS) {
  const parts = r.parts.map((part) => part.map(([lat, lon]) => [lon, lat]));
  const props = {kind: 'road', id: r.id, name: r.en, source: `reference section ${r.ref}; waypoints are town points`};
  if (r.gap) props.gap = r.gap;
  sites.push(feature(props, parts.length === 1 ? {type: 'LineString', coordinates: parts[0]} : {type: 'MultiLineString', coordinates: parts}));
}

writeCollection('basemap.geojson', basemap);
writeCollection('sectors.geojson', sectorFeatures);
writeCollection('sites.geojson', sites);
writeAssets(OUT, {sectors, sectorOf, crossings: sites.filter((f) => f.properties.kind === 'crossing-point'),
  inlandAt: (s, fraction, dKm) => {
    const p = pointAlong(s.line, s.km * fraction);
    for (const d of [dKm, dKm / 2, dKm / 4]) {
      const q = inland(s.line, p, d, (x) => inMultiPolygon(kzLand, x));
      if (q) return q;
    }
    throw new Error(`no point inside Kazakhstan near ${s.id} at ${fraction}`);
  }});
for (const s of sectors) console.log(`${s.id}  ${s.command.padEnd(9)} ${String(Math.round(s.km)).padStart(3)} km  ${s.name.en}`);

// ---- helpers ----------------------------------------------------------------------------------
function feature(properties, geometry) {
  return {type: 'Feature', properties, geometry};
}

/** A GeoJSON Polygon or MultiPolygon with 4-decimal coordinates, without slivers or degenerate rings. */
function polygonal(mp) {
  const ok = (ring) => ring.length >= 4 && Math.abs(ringArea(ring)) > 1e-6;
  const tidy = (m) => m.map((poly) => poly.map((ring) => dedupe(ring.map((c) => round(c)))))
    .filter((poly) => ok(poly[0]))
    .map((poly) => [poly[0], ...poly.slice(1).filter(ok)]);
  const clean = tidy(polygonClipping.union(tidy(mp)));
  return clean.length === 1 ? {type: 'Polygon', coordinates: clean[0]} : {type: 'MultiPolygon', coordinates: clean};
}

function ringArea(ring) {
  let a = 0;
  for (let i = 1; i < ring.length; i++) a += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  return a / 2;
}

function dedupe(ring) {
  return ring.filter((c, i) => i === 0 || c[0] !== ring[i - 1][0] || c[1] !== ring[i - 1][1]);
}

function intersectsBox(poly, [w, s, e, n]) {
  return poly[0].some(([x, y]) => x >= w - 1 && x <= e + 1 && y >= s - 1 && y <= n + 1);
}

function circle([lon, lat], rKm) {
  const ring = [];
  for (let k = 0; k < 24; k++) {
    const a = (2 * Math.PI * k) / 24;
    ring.push(round([lon + (rKm * Math.sin(a)) / (111.32 * Math.cos((lat * Math.PI) / 180)), lat + (rKm * Math.cos(a)) / 110.57]));
  }
  ring.push(ring[0]);
  return ring;
}

function writeCollection(file, features) {
  const body = features.map((f) => JSON.stringify(f)).join(',\n');
  writeFileSync(new URL(file, OUT), `{"type": "FeatureCollection", "features": [\n${body}\n]}\n`);
}
