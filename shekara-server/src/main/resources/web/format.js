// Formatting of times, positions and quantities for the operator, in the current language.
import { t } from './i18n.js';

const HTML = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML: every string from a feed (callsigns, chat text) is untrusted. */
export function esc(v) {
  return String(v ?? '').replace(/[&<>"']/g, (c) => HTML[c]);
}

/** "2026-03-01 06:00:05Z" from an ISO-8601 instant, or a dash. */
export function time(iso) {
  if (!iso) return t('none');
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/** "06:00:05" (UTC) from an ISO-8601 instant, or a dash. */
export function clock(iso) {
  if (!iso) return t('none');
  const m = /T(\d\d:\d\d:\d\d)/.exec(iso);
  return m ? m[1] : iso;
}

export function latlon(lat, lon) {
  if (lat == null || lon == null) return t('none');
  const ns = lat >= 0 ? 'N' : 'S';
  const ew = lon >= 0 ? 'E' : 'W';
  return `${Math.abs(lat).toFixed(4)}°${ns} ${Math.abs(lon).toFixed(4)}°${ew}`;
}

export function speed(mps) {
  return mps == null ? t('none') : `${(mps * 3.6).toFixed(0)} ${t('unit.kmh')}`;
}

export function course(deg) {
  return deg == null ? t('none') : `${Math.round(deg).toString().padStart(3, '0')}°`;
}

export function metres(m) {
  if (m == null) return t('none');
  return m >= 1000 ? `${(m / 1000).toFixed(1)} ${t('unit.km')}` : `${Math.round(m)} ${t('unit.m')}`;
}

/** A label from a code of a closed set ("unitKind", "helicopter") or the code itself. */
export function code(prefix, value) {
  if (value == null) return t('none');
  const key = `${prefix}.${value}`;
  const label = t(key);
  return label === key ? value : label;
}

/** The ISO-8601 instant moved by a UTC offset such as "+05:00" (for showing civil time; still marked Z). */
export function shift(iso, offset) {
  const m = /^([+-])(\d\d):(\d\d)$/.exec(offset);
  if (!m) return iso;
  const mins = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  return new Date(Date.parse(iso) + mins * 60_000).toISOString();
}
