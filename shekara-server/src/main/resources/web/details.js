// The details of a map object, as a small table with translated labels (popup and side panel).
import { t } from './i18n.js';
import * as fmt from './format.js';
import { localName, sectorName } from './names.js';

function rows(pairs) {
  return pairs.filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<tr><th>${fmt.esc(t(k))}</th><td>${fmt.esc(v)}</td></tr>`).join('');
}

function marking(p) {
  if (p.classification === undefined) return [];
  return [['field.marking', `${p.classification}${p.releasableTo?.length ? ` · REL ${p.releasableTo.join(', ')}` : ''}`],
    ['field.originator', p.originator]];
}

const VIEWS = {
  unit: (p) => ({
    title: p.callsign, sub: fmt.code('unitKind', p.kind), pairs: [
      ['field.id', p.id],
      ['field.status', p.reported ? fmt.code('unitStatus', p.status) : t('unit.notReported')],
      ['field.position', p.reported ? fmt.latlon(p.lat, p.lon) : undefined],
      ['field.course', p.reported ? fmt.course(p.courseDeg) : undefined],
      ['field.speed', p.reported ? fmt.speed(p.speedMps) : undefined],
      ['field.time', fmt.time(p.time)],
      ['field.base', p.base ?? undefined],
      ['field.command', p.command ?? undefined],
      ['field.cotType', p.cotType ?? undefined],
      ...marking(p)],
  }),
  track: (p) => ({
    title: p.id, sub: `${t('obj.track')} · ${fmt.code('targetClass', p.targetClass)}`, pairs: [
      ['field.status', fmt.code('trackStatus', p.status)],
      ['field.position', fmt.latlon(p.lat, p.lon)],
      ['field.course', fmt.course(p.courseDeg)],
      ['field.speed', fmt.speed(p.speedMps)],
      ['field.sigma', fmt.metres(p.sigmaM)],
      ['field.sector', p.sector ?? t('none')],
      ['field.sensors', (p.sensors ?? []).join(', ') || t('none')],
      ['field.time', fmt.time(p.time)],
      ...marking(p)],
    note: p.status === 'deleted' ? t('track.ended') : undefined,
  }),
  detection: (p) => ({
    title: fmt.code('sensorKind', p.kind), sub: t('obj.detection'), pairs: [
      ['field.sensor', p.sensor],
      ['field.position', fmt.latlon(p.lat, p.lon)],
      ['field.sigma', fmt.metres(p.sigmaM)],
      ['field.time', fmt.time(p.time)],
      ...marking(p)],
  }),
  zone: (p) => ({
    title: localName(p), sub: fmt.code('zoneKind', p.kind), pairs: [
      ['field.id', p.id],
      ['field.sector', p.sector ? sectorName(p.sector) : undefined],
      ['field.posture', p.posture ? fmt.code('posture', p.posture) : undefined],
      ['field.buffer', p.bufferM > 0 ? fmt.metres(p.bufferM) : undefined]],
  }),
  base: (p) => ({
    title: localName(p), sub: fmt.code('baseKind', p.kind), pairs: [
      ['field.id', p.id], ['field.command', p.command ?? undefined], ['field.units', String(p.units ?? 0)]],
  }),
  sensor: (p) => ({
    title: localName(p), sub: fmt.code('sensorKind', p.kind), pairs: [
      ['field.id', p.id], ['field.sector', p.sector ?? undefined], ['field.position', fmt.latlon(p.lat, p.lon)],
      ['field.range', fmt.metres(p.rangeM)], ['field.sigma', fmt.metres(p.sigmaM)],
      ['field.period', `${p.periodS} ${t('unit.s')}`]],
  }),
};

/** HTML for a map object's details; every value is escaped. */
export function detailsHtml(type, p) {
  const v = VIEWS[type](p);
  const ex = p.exercise ? `<span class="ex-badge">${fmt.esc(t('exercise.badge'))}</span>` : '';
  return `<div class="details" data-type="${type}"><div class="details-head"><span class="details-title">${fmt.esc(v.title)}</span>${ex}</div>
    <div class="details-sub">${fmt.esc(v.sub)}</div>${v.note ? `<div class="details-note" data-note="${type}">${fmt.esc(v.note)}</div>` : ''}<table>${rows(v.pairs)}</table></div>`;
}
