// Operational control on the map: which command holds each unit (GET /api/v1/units/control), followed
// live (feed message {"type": "control"}); a unit under another command than its own is drawn with a
// dashed ring and its popup names the command holding it, that command's agency, who handed it over,
// why and when, and the crisis that did it.
// Use: loadControl() on (re)connect; onControl(msg) for live messages; controlClass(id) for a unit's
// icon; controlHtml(id) appended to a unit's popup.
import { t } from './i18n.js';
import * as fmt from './format.js';

const API = '/api/v1';
const held = new Map(); // unit id -> { command, agency, own, by, time, reason, crisis }
const names = new Map(); // command id -> name

/** Loads the commands' names and who holds each unit now. */
export async function loadControl() {
  try {
    const [theatre, control] = await Promise.all([
      fetch(`${API}/theatre`).then((r) => r.json()),
      fetch(`${API}/units/control`).then((r) => r.json()),
    ]);
    (theatre.commands ?? []).forEach((c) => names.set(c.id, c));
    held.clear();
    Object.entries(control).forEach(([id, c]) => held.set(id, c));
  } catch (e) {
    // The map keeps the units' own commands until the next reconnect.
  }
}

/** A live control change; returns the unit's id. */
export function onControl(msg) {
  const before = held.get(msg.unit) ?? {};
  if (before.time && msg.time && Date.parse(msg.time) < Date.parse(before.time)) return msg.unit;
  held.set(msg.unit, {
    ...before, command: msg.command, agency: names.get(msg.command)?.agency ?? null,
    by: msg.by, time: msg.time, reason: msg.reason, crisis: msg.crisis ?? null,
  });
  return msg.unit;
}

/** True when the unit is under another command than its own. */
export function underOther(id) {
  const c = held.get(id);
  return !!c && !!c.own && c.command !== c.own;
}

/** The extra class of a unit's icon: 'under-other' when another command holds it. */
export function controlClass(id) {
  return underOther(id) ? 'under-other' : '';
}

/** The control part of a unit's popup (empty when the unit is under its own command). */
export function controlHtml(id) {
  if (!underOther(id)) return '';
  const c = held.get(id);
  const name = names.get(c.command)?.name ?? c.command;
  const row = (k, v) => (v ? `<div class="control-row"><span>${fmt.esc(t(k))}</span> ${fmt.esc(v)}</div>` : '');
  return `<div class="control-panel" data-unit="${fmt.esc(id)}" data-command="${fmt.esc(c.command)}">`
    + `<div class="control-title">${fmt.esc(t('control.under'))}: <b class="control-command">${fmt.esc(name)}</b>`
    + (c.agency ? ` (${fmt.esc(c.agency)})` : '') + '</div>'
    + row('control.own', names.get(c.own)?.name ?? c.own)
    + row('control.crisis', c.crisis)
    + row('control.by', c.by)
    + row('control.reason', c.reason)
    + row('control.since', c.time ? fmt.time(c.time) : null)
    + '</div>';
}
