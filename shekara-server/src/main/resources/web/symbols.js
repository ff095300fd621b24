// Map symbology in the spirit of APP-6 / MIL-STD-2525: friendly units in blue rectangles with a
// glyph by kind, unknown tracks as yellow quatrefoils, detections as small dots, alarms in red.

export const COLORS = {
  friendly: '#5cb8ff',
  friendlyFill: 'rgba(40, 120, 200, 0.55)',
  unknown: '#ffd84d',
  alarm: '#ff4d4d',
  border: '#ff7b3a',
  site: '#d77bff',
  crossing: '#f2f2f2',
  posture: { normal: '#3fbf7f', elevated: '#ffb347', high: '#ff5252' },
  status: {
    available: '#3fd37a', tasked: '#ffb347', 'en-route': '#ffb347', 'on-scene': '#ff5252',
    returning: '#5cd6ff', unavailable: '#8a96a3',
  },
};

const GLYPHS = {
  // infantry: the two diagonals
  'foot-patrol': '<path d="M3 3 L29 19 M29 3 L3 19" />',
  // wheeled/armoured vehicle: an oval track
  'ground-vehicle': '<rect x="7" y="6.5" width="18" height="9" rx="4.5" />',
  // rotary wing: a bow tie
  'helicopter': '<path d="M5 5 L16 11 L5 17 Z M27 5 L16 11 L27 17 Z" />',
  // sea surface: a hull under a mast
  'boat': '<path d="M6 12 L26 12 L22 17 L10 17 Z M16 4 L16 12" />',
};

/**
 * A friendly unit symbol: rectangle frame, glyph by kind, a status pip; dashed and dim when not
 * reporting. A unit committed to a task (tasked, en route, on scene) has a thick frame in its
 * status colour, so a tasked unit cannot be taken for an available one at a glance.
 */
export function unitSvg(kind, status, reported) {
  const glyph = GLYPHS[kind] ?? GLYPHS['foot-patrol'];
  const pip = COLORS.status[status] ?? '#8a96a3';
  const dash = reported ? '' : 'stroke-dasharray="3 2"';
  const committed = COMMITTED.has(status);
  const frame = committed ? pip : COLORS.friendly;
  return `<svg class="sym${committed ? ' committed' : ''}" data-status="${status ?? ''}" width="36" height="26" viewBox="-2 -2 36 26" aria-hidden="true">
    <rect x="0" y="0" width="32" height="22" rx="1.5" fill="${COLORS.friendlyFill}" stroke="${frame}" stroke-width="${committed ? 3.5 : 2}" ${dash}/>
    <g fill="none" stroke="#e6f3ff" stroke-width="1.8" stroke-linejoin="round">${glyph}</g>
    ${reported || committed ? `<circle cx="30" cy="0" r="4" fill="${pip}" stroke="#0b1118" stroke-width="1.5"/>` : ''}
  </svg>`;
}

/** Statuses in which a unit is committed to a task. */
const COMMITTED = new Set(['tasked', 'en-route', 'on-scene']);

/** An unknown track: a yellow quatrefoil; dashed when tentative, grey-yellow when coasting. */
export function trackSvg(status) {
  const fill = status === 'coasting' ? 'rgba(180, 160, 70, 0.5)' : 'rgba(255, 216, 77, 0.55)';
  const dash = status === 'tentative' ? 'stroke-dasharray="3 2"' : '';
  return `<svg class="sym" width="26" height="26" viewBox="-13 -13 26 26" aria-hidden="true">
    <path d="M0 -10 A5 5 0 0 1 5 -5 A5 5 0 0 1 10 0 A5 5 0 0 1 5 5 A5 5 0 0 1 0 10 A5 5 0 0 1 -5 5 A5 5 0 0 1 -10 0 A5 5 0 0 1 -5 -5 A5 5 0 0 1 0 -10 Z"
      fill="${fill}" stroke="${COLORS.unknown}" stroke-width="1.8" ${dash}/>
    <circle r="1.6" fill="#1a1a1a"/>
  </svg>`;
}

/** A base by kind: border post (flag), air base (H pad), boat station (anchor), command (star). */
export function baseSvg(kind) {
  const inner = {
    'border-post': '<path d="M-4 6 L-4 -6 L5 -3.5 L-4 -1" fill="none"/>',
    'air-base': '<path d="M-4 -5 L-4 5 M4 -5 L4 5 M-4 0 L4 0" fill="none"/>',
    'boat-station': '<path d="M0 -6 L0 5 M-5 1 Q0 8 5 1 M-3 -3 L3 -3" fill="none"/>',
    'command': '<path d="M0 -6 L1.8 -1.8 L6 -1.8 L2.6 1 L3.8 5.5 L0 2.8 L-3.8 5.5 L-2.6 1 L-6 -1.8 L-1.8 -1.8 Z" fill="#e6f3ff" stroke="none"/>',
  }[kind] ?? '';
  return `<svg class="sym" width="22" height="22" viewBox="-11 -11 22 22" aria-hidden="true">
    <rect x="-9.5" y="-9.5" width="19" height="19" rx="3" fill="#16324d" stroke="${COLORS.friendly}" stroke-width="1.5"/>
    <g stroke="#e6f3ff" stroke-width="1.6" stroke-linecap="round">${inner}</g>
  </svg>`;
}

/** A crossing point: a white gate (a square with a bar). */
export function crossingSvg() {
  return `<svg class="sym" width="18" height="18" viewBox="-9 -9 18 18" aria-hidden="true">
    <rect x="-7" y="-7" width="14" height="14" fill="#0b1118" stroke="${COLORS.crossing}" stroke-width="1.8"/>
    <path d="M-7 0 L7 0" stroke="${COLORS.border}" stroke-width="2.2"/>
  </svg>`;
}

/** A fixed sensor: a small triangle; red-edged for alarm kinds. */
export function sensorSvg(alarm) {
  return `<svg class="sym" width="14" height="14" viewBox="-7 -7 14 14" aria-hidden="true">
    <path d="M0 -5.5 L5.5 4.5 L-5.5 4.5 Z" fill="#1d2b38" stroke="${alarm ? COLORS.alarm : '#9fb3c8'}" stroke-width="1.4"/>
  </svg>`;
}

/** A protected site marker: a diamond. */
export function siteSvg() {
  return `<svg class="sym" width="18" height="18" viewBox="-9 -9 18 18" aria-hidden="true">
    <path d="M0 -7 L7 0 L0 7 L-7 0 Z" fill="rgba(215, 123, 255, 0.35)" stroke="${COLORS.site}" stroke-width="1.8"/>
  </svg>`;
}
