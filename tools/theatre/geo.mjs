// Small geometry helpers for the theatre extraction: distances, a local plane for buffering,
// line cutting, point-in-polygon and a corridor (buffer) built from polygon unions.
// Coordinates are [lon, lat] in degrees, as in GeoJSON.
import polygonClipping from 'polygon-clipping';

const R_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance in km (haversine; enough for sector lengths and naming). */
export function km(a, b) {
  const dLat = (b[1] - a[1]) * RAD;
  const dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * R_KM * Math.asin(Math.sqrt(h));
}

export function lineKm(line) {
  let total = 0;
  for (let i = 1; i < line.length; i++) total += km(line[i - 1], line[i]);
  return total;
}

/** An equirectangular plane in km around lat0: accurate to well under 1 % over a few hundred km. */
export function plane(lat0) {
  const kx = R_KM * RAD * Math.cos(lat0 * RAD);
  const ky = R_KM * RAD;
  return {
    fwd: ([lon, lat]) => [lon * kx, lat * ky],
    inv: ([x, y]) => [x / kx, y / ky],
  };
}

/** The point `d` km along the line and the index of the vertex after it. */
function pointAt(line, d) {
  let run = 0;
  for (let i = 1; i < line.length; i++) {
    const s = km(line[i - 1], line[i]);
    if (run + s >= d) {
      const t = s === 0 ? 0 : (d - run) / s;
      return [[line[i - 1][0] + t * (line[i][0] - line[i - 1][0]), line[i - 1][1] + t * (line[i][1] - line[i - 1][1])], i];
    }
    run += s;
  }
  return [line[line.length - 1], line.length];
}

/** The point `d` km along the line. */
export function pointAlong(line, d) {
  return pointAt(line, d)[0];
}

/** The part of the line between `from` and `to` km along it. */
export function cut(line, from, to) {
  const [a, ia] = pointAt(line, from);
  const [b, ib] = pointAt(line, to);
  const out = [a, ...line.slice(ia, ib), b];
  return out.filter((p, i) => i === 0 || p[0] !== out[i - 1][0] || p[1] !== out[i - 1][1]);
}

/** The part of the line before it first reaches longitude `lon` (going east). */
export function untilLon(line, lon) {
  const out = [line[0]];
  for (let i = 1; i < line.length; i++) {
    const [p, q] = [line[i - 1], line[i]];
    if (q[0] >= lon) {
      const t = (lon - p[0]) / (q[0] - p[0]);
      out.push([lon, p[1] + t * (q[1] - p[1])]);
      return out;
    }
    out.push(q);
  }
  return out;
}

/** Douglas–Peucker in the local plane; tolerance in km. */
export function simplifyLine(line, tolKm) {
  const pl = plane(line[0][1]);
  const pts = line.map(pl.fwd);
  const keep = new Uint8Array(pts.length);
  keep[0] = keep[pts.length - 1] = 1;
  const stack = [[0, pts.length - 1]];
  while (stack.length) {
    const [i, j] = stack.pop();
    let best = -1;
    let bestD = tolKm;
    for (let k = i + 1; k < j; k++) {
      const d = segDist(pts[k], pts[i], pts[j]);
      if (d > bestD) { bestD = d; best = k; }
    }
    if (best >= 0) { keep[best] = 1; stack.push([i, best], [best, j]); }
  }
  return line.filter((_, k) => keep[k]);
}

function segDist(p, a, b) {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/** The nearest point of a line to p, with its distance in km. */
export function nearestOnLine(line, p) {
  const pl = plane(p[1]);
  const q = pl.fwd(p);
  let best = null;
  let bestD = Infinity;
  for (let i = 1; i < line.length; i++) {
    const a = pl.fwd(line[i - 1]);
    const b = pl.fwd(line[i]);
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((q[0] - a[0]) * dx + (q[1] - a[1]) * dy) / len2));
    const c = [a[0] + t * dx, a[1] + t * dy];
    const d = Math.hypot(q[0] - c[0], q[1] - c[1]);
    if (d < bestD) { bestD = d; best = pl.inv(c); }
  }
  return {point: best, km: bestD};
}

/** A corridor of `halfKm` each side of the line (a buffer with 16-gon joins), as polygon-clipping MultiPolygon. */
export function corridor(line, halfKm) {
  const pl = plane(line[0][1]);
  const pts = simplifyLine(line, 0.5).map(pl.fwd);
  const parts = [];
  for (let i = 0; i < pts.length; i++) {
    parts.push([disc(pts[i], halfKm).map(pl.inv)]);
    if (i > 0) {
      const [a, b] = [pts[i - 1], pts[i]];
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
      if (len === 0) continue;
      const nx = -(b[1] - a[1]) / len * halfKm;
      const ny = (b[0] - a[0]) / len * halfKm;
      const quad = [[a[0] + nx, a[1] + ny], [b[0] + nx, b[1] + ny], [b[0] - nx, b[1] - ny], [a[0] - nx, a[1] - ny]];
      parts.push([[...quad, quad[0]].map(pl.inv)]);
    }
  }
  return polygonClipping.union(...parts);
}

function disc(c, r) {
  const ring = [];
  for (let k = 0; k < 16; k++) {
    const a = (2 * Math.PI * k) / 16;
    ring.push([c[0] + r * Math.cos(a), c[1] + r * Math.sin(a)]);
  }
  ring.push(ring[0]);
  return ring;
}

/** Even-odd point in a polygon-clipping MultiPolygon. */
export function inMultiPolygon(mp, p) {
  let inside = false;
  for (const poly of mp) {
    for (const ring of poly) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if ((yi > p[1]) !== (yj > p[1]) && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

/** The point `dKm` from p at a right angle to the line direction at its nearest point, on the side `inside` accepts. */
export function inland(line, p, dKm, inside) {
  const pl = plane(p[1]);
  const {point} = nearestOnLine(line, p);
  let i = 1;
  let bestD = Infinity;
  for (let k = 1; k < line.length; k++) {
    const d = km(line[k - 1], point) + km(line[k], point) - km(line[k - 1], line[k]);
    if (d < bestD) { bestD = d; i = k; }
  }
  const a = pl.fwd(line[i - 1]);
  const b = pl.fwd(line[i]);
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
  const n = [-(b[1] - a[1]) / len, (b[0] - a[0]) / len];
  const c = pl.fwd(point);
  for (const s of [1, -1]) {
    const q = pl.inv([c[0] + s * n[0] * dKm, c[1] + s * n[1] * dKm]);
    if (inside(q)) return q;
  }
  return null;
}

export const round = (p, digits = 4) => p.map((v) => Number(v.toFixed(digits)));
