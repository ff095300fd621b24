// Names of theatre zones in the chosen language: a zone's GeoJSON properties carry "names"
// ({kk, ru, en}) where the theatre gives them, and "name" for every other language.
// Use: registerZone(props) for every zone drawn; localName(props), zoneName(id), sectorName(id).
import { lang } from './i18n.js';

const zones = new Map();    // zone id -> properties
const sectors = new Map();  // sector id -> properties of its sector zone

/** Remembers a zone's properties so that alerts and popups can name it by id. */
export function registerZone(p) {
  zones.set(p.id, p);
  if (p.kind === 'sector') sectors.set(p.sector ?? p.id, p);
}

/** A zone's name in the current language, or its one name. */
export function localName(p) {
  if (!p) return '';
  return p.names?.[lang()] ?? p.name ?? p.id ?? '';
}

/** The name of a zone by id in the current language; the id itself when the zone is not known. */
export function zoneName(id) {
  return zones.has(id) ? localName(zones.get(id)) : (id ?? '');
}

/** The name of a sector by sector id in the current language; the id itself when not known. */
export function sectorName(id) {
  return sectors.has(id) ? localName(sectors.get(id)) : (id ?? '');
}
