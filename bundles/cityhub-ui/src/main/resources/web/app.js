// The web console: sign-in, the pages and the way between them. It uses the public /api alone, with the token kept
// in this tab's session storage, never in a URL; what it shows is what the token may see.
import { api, element, may, session, t, token } from './core.js';
import { cityPage } from './city.js';
import { listen, stop, things } from './live.js';
import { bindingsPage, eventsPage, grantsPage, inboxPage, problemsPage, rulesPage } from './operations.js';
import { thingPage } from './thing.js';

const view = document.getElementById('view');

/** The pages by address, and who may open each (the others are left out of the navigation). */
const PAGES = {
  '#/problems': { page: problemsPage, shown: () => may('viewer') },
  '#/events': { page: eventsPage, shown: () => true },
  '#/rules': { page: rulesPage, shown: () => may('viewer') },
  '#/grants': { page: grantsPage, shown: () => true },
  '#/inbox': { page: inboxPage, shown: () => may('integrator', true) },
  '#/bindings': { page: bindingsPage, shown: () => may('admin') },
};

function translatePage() {
  document.documentElement.lang = session.language;
  document.querySelectorAll('[data-text]').forEach((node) => { node.textContent = t(node.dataset.text); });
  document.getElementById('language').value = session.language;
  document.getElementById('sign-out').hidden = !token();
  document.querySelectorAll('nav a[href^="#/"]').forEach((link) => {
    const rule = PAGES[link.getAttribute('href')];
    link.hidden = !token() || Boolean(rule && !rule.shown());
  });
  document.getElementById('me').textContent = session.me ? session.me.name + ' · ' + t('role-' + session.me.role) : '';
}

function signOut() {
  sessionStorage.removeItem('cityhub.token');
  session.me = null;
  stop();
  listen(null);
  things.clear();
  location.hash = '#/';
  route();
}
session.onSignedOut = signOut;

function signInPage(message) {
  listen(null);
  const input = element('input', { id: 'token', type: 'password', autocomplete: 'off', required: true,
    'aria-describedby': 'sign-in-help' });
  view.replaceChildren(element('form', { class: 'sign-in', onsubmit: async (event) => {
    event.preventDefault();
    sessionStorage.setItem('cityhub.token', input.value.trim());
    const answer = await fetch('/api/whoami', { headers: { Authorization: 'Bearer ' + token() } });
    if (answer.ok) {
      session.me = await answer.json();
      route();
    } else {
      sessionStorage.removeItem('cityhub.token');
      signInPage(t('badToken'));
    }
  } },
  element('h1', {}, t('signIn')),
  element('label', { for: 'token' }, t('token')), input,
  element('p', { id: 'sign-in-help' }, t('signInHelp')),
  message ? element('p', { class: 'error', role: 'alert' }, message) : '',
  element('button', { type: 'submit' }, t('signIn'))));
  translatePage();
  input.focus();
}

/**
 * A link from cityhub:ui-link carries a single-use ticket in its fragment (never sent to a server); it is traded for
 * the token once and then taken out of the address, so that the browser's history keeps nothing that works.
 */
async function signInByTicket() {
  const match = /^#ticket=([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (!match) {
    return;
  }
  window.history.replaceState(null, '', location.pathname + '#/');
  const answer = await fetch('/api/sign-in', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ticket: match[1] }) });
  if (answer.ok) {
    sessionStorage.setItem('cityhub.token', (await answer.json()).token);
    session.me = null;
  }
}

async function route() {
  if (!token()) {
    translatePage();
    signInPage();
    return;
  }
  const hash = location.hash || '#/';
  try {
    if (!session.me) {
      session.me = await (await api('/whoami')).json();
    }
    translatePage();
    if (hash.startsWith('#/thing/')) {
      await thingPage(view, decodeURIComponent(hash.substring('#/thing/'.length)));
    } else if (PAGES[hash]) {
      await PAGES[hash].page(view);
    } else {
      await cityPage(view);
    }
  } catch (failure) {
    console.error(failure);
    view.replaceChildren(element('p', { class: 'error', role: 'alert' }, failure.message || String(failure)));
  }
  view.focus();
}

document.getElementById('language').onchange = (event) => {
  session.language = event.target.value;
  localStorage.setItem('cityhub.language', session.language);
  route();
};
document.getElementById('sign-out').onclick = signOut;
window.addEventListener('hashchange', async () => {
  await signInByTicket();   // a link opened in a tab that shows the console already
  route();
});
session.settings = await (await fetch('config.json')).json();
await signInByTicket();
route();
