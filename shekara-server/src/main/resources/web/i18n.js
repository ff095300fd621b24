// Labels of the operations picture in Kazakh (Cyrillic), Russian and English, from the server's
// message catalogue (GET /api/v1/i18n: the one catalogue the Java side writes its texts from too).
// Every label the page shows goes through t(); the chosen language is kept in localStorage.

const STORE_KEY = 'shekara.lang';
export const LANGS = ['kk', 'ru', 'en'];

// The catalogue is read before any module that imports this one runs, so t() stays synchronous.
const DICTS = await load();

async function load() {
  try {
    const r = await fetch('/api/v1/i18n', { headers: { Accept: 'application/json' } });
    if (!r.ok) throw new Error(String(r.status));
    return (await r.json()).messages;
  } catch (e) {
    console.error('message catalogue not loaded, labels show their keys', e);
    return Object.fromEntries(LANGS.map((l) => [l, {}]));
  }
}

let current = initial();
const listeners = [];

function initial() {
  let saved = null;
  try { saved = localStorage.getItem(STORE_KEY); } catch (e) { /* storage disabled: use the browser's language */ }
  if (LANGS.includes(saved)) return saved;
  const nav = (navigator.language || 'en').slice(0, 2).toLowerCase();
  return LANGS.includes(nav) ? nav : 'en';
}

export function lang() { return current; }

/** The label for a key in the current language (English, then the key itself, when missing). */
export function t(key) {
  return DICTS[current]?.[key] ?? DICTS.en?.[key] ?? key;
}

/** Switches language, remembers it, relabels the page and tells the listeners. */
export function setLang(code) {
  if (!LANGS.includes(code)) return;
  current = code;
  try { localStorage.setItem(STORE_KEY, code); } catch (e) { /* not remembered, still switched */ }
  applyLabels(document);
  listeners.forEach((l) => l(code));
}

export function onLangChange(listener) { listeners.push(listener); }

/** Relabels every element with data-i18n (text), data-i18n-placeholder or data-i18n-title. */
export function applyLabels(root) {
  document.documentElement.lang = current;
  document.title = t('app.title');
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-title]').forEach((el) => { el.title = t(el.dataset.i18nTitle); });
}

/** The dictionaries, for the test that every language has every key. */
export const dictionaries = DICTS;

