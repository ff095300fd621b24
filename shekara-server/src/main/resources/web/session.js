// Who is using the map. GET /api/v1/session says; when it answers 401 the login page is shown and
// the modules that import this one wait until the user has logged in (POST /api/v1/session sets an
// HttpOnly session cookie and gives the CSRF token). Every state-changing fetch of the page then
// carries the token in X-CSRF-Token. The header shows the user's name, role and agency, and a logout.
import { t, onLangChange } from './i18n.js';

const PATH = '/api/v1/session';
const WRITES = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

/** The session: { user, role, agency, kind, csrf, actions }. */
export const me = await current();

const plainFetch = window.fetch.bind(window);
window.fetch = (input, init = {}) => {
  const method = (init.method || (input instanceof Request ? input.method : 'GET')).toUpperCase();
  if (!WRITES.has(method) || !me.csrf) return plainFetch(input, init);
  const headers = new Headers(init.headers || (input instanceof Request ? input.headers : undefined));
  headers.set('X-CSRF-Token', me.csrf);
  return plainFetch(input, { ...init, headers });
};

/** True when the user's role may take the action (read, alert, dispatch, chat, posture, control, review, export, ...). */
export function may(action) { return me.actions.includes(action); }

showUser();

async function current() {
  const r = await fetch(PATH, { headers: { Accept: 'application/json' } });
  if (r.ok) return r.json();
  return login();
}

function login() {
  return new Promise((resolve) => {
    const box = document.createElement('div');
    box.id = 'login';
    box.innerHTML = `<form id="login-form" autocomplete="on">
      <h1></h1>
      <label><span data-k="login.user"></span><input id="login-user" name="username" autocomplete="username" required></label>
      <label><span data-k="login.password"></span><input id="login-password" name="password" type="password" autocomplete="current-password" required></label>
      <p id="login-error" role="alert" hidden></p>
      <button id="login-submit" type="submit"></button>
    </form>`;
    const label = () => {
      box.querySelector('h1').textContent = t('login.title');
      box.querySelectorAll('[data-k]').forEach((e) => { e.textContent = t(e.dataset.k); });
      box.querySelector('#login-submit').textContent = t('login.submit');
    };
    label();
    onLangChange(label);
    document.body.append(box);
    box.querySelector('#login-user').focus();
    box.querySelector('#login-form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const error = box.querySelector('#login-error');
      error.hidden = true;
      const user = box.querySelector('#login-user').value;
      const password = box.querySelector('#login-password').value;
      let r;
      try {
        r = await fetch(PATH, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user, password }) });
      } catch (e) {
        r = null;
      }
      if (r && r.ok) {
        box.remove();
        resolve(await r.json());
        return;
      }
      const code = r ? (await r.json().catch(() => ({}))).error : null;
      error.textContent = t(code === 'locked' ? 'login.locked' : code === 'rate-limited' ? 'login.rateLimited'
        : code === 'login-failed' ? 'login.failed' : 'login.unavailable');
      error.hidden = false;
      box.querySelector('#login-password').value = '';
    });
  });
}

function showUser() {
  const right = document.querySelector('#topbar .top-right');
  if (!right) return;
  const who = document.createElement('span');
  who.id = 'whoami';
  who.className = 'whoami';
  const out = document.createElement('button');
  out.id = 'logout';
  out.type = 'button';
  const label = () => {
    who.textContent = `${me.user} · ${t(`role.${me.role}`)} · ${me.agency}`;
    out.textContent = t('login.logout');
  };
  label();
  onLangChange(label);
  out.addEventListener('click', async () => {
    await fetch(PATH, { method: 'DELETE' });
    window.location.reload();
  });
  right.prepend(who, out);
}
