// What every page of the web console shares: the session (language, settings, who is signed in), the calls to
// /api with the token from this tab's session storage, and small helpers to build the page.
import { TEXTS, initialLanguage } from './texts.js';

export const session = {
  language: initialLanguage(),
  settings: { tileUrl: '', center: [30.27, 120.17], zoom: 12 },
  me: null,              // GET /api/whoami: name, role, departments or households
  onSignedOut: () => {},
};

const ROLES = ['resident', 'viewer', 'operator', 'integrator', 'admin'];

export const t = (key) => TEXTS[session.language][key] || TEXTS.en[key] || key;
export const token = () => sessionStorage.getItem('cityhub.token');

/** Whether the signed-in token has at least {@code role}; {@code everywhere}: for all departments too. */
export function may(role, everywhere = false) {
  const me = session.me;
  return Boolean(me) && ROLES.indexOf(me.role) >= ROLES.indexOf(role)
    && (!everywhere || me.role === 'admin' || me.departments === '*');
}

export async function api(path, options = {}) {
  const response = await fetch('/api' + path, {
    ...options,
    headers: { Authorization: 'Bearer ' + token(), 'Accept-Language': session.language, ...(options.headers || {}) },
  });
  if (response.status === 401) {
    session.onSignedOut();
    throw new Error(t('badToken'));
  }
  return response;
}

/**
 * Follows the events of {@code topics} while the page is shown, with a ticket per connection (tokens never go in
 * URLs); {@code types} are the event types heard. The stream closes when the page changes.
 */
export async function watch(topics, types, heard) {
  const { ticket } = await (await api('/events/tickets', { method: 'POST' })).json();
  const stream = new EventSource('/api/events?topics=' + encodeURIComponent(topics) + '&ticket=' + ticket);
  types.forEach((type) => stream.addEventListener(type, heard));
  window.addEventListener('hashchange', () => stream.close(), { once: true });
  return stream;
}

/** A JSON body for a request. */
export const json = (method, body) => ({ method, headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body) });

/** What the hub said went wrong: its problem's detail, else the status. */
export async function problem(answer) {
  try {
    return (await answer.json()).detail || String(answer.status);
  } catch (notJson) {
    return String(answer.status);
  }
}

export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([name, value]) => {
    if (name.startsWith('on')) {
      node[name] = value;
    } else if (value !== undefined && value !== null && value !== false) {
      node.setAttribute(name, value === true ? '' : value);
    }
  });
  children.flat().forEach((child) => node.append(child instanceof Node ? child : String(child ?? '')));
  return node;
}

/** A table of rows, each an array of cells; an empty one says so. */
export function table(id, headers, rows) {
  return element('table', { id }, element('thead', {}, element('tr', {},
    headers.map((h) => element('th', { scope: 'col' }, t(h))))),
  element('tbody', {}, rows.length ? rows.map((cells) => element('tr', {}, cells.map((cell) => element('td', {}, cell))))
    : element('tr', {}, element('td', { colspan: headers.length }, t('none')))));
}

/** What a page shows, from /api; null when the token may not read it, and the page says so in the hub's words. */
export async function readFor(view, path) {
  const answer = await api(path);
  if (!answer.ok) {
    view.replaceChildren(element('p', { class: 'error', role: 'alert' }, t('noAccess') + ' ' + await problem(answer)));
    return null;
  }
  return answer.json();
}

/** A time as people of the console's language write it. */
export function when(instant) {
  return instant ? new Date(instant).toLocaleString(session.language) : '';
}

/** Who owns a thing: its department or household, and the hub that runs it when that is another hub. */
export function owner(thing) {
  return (thing.household ? '⌂ ' + thing.household : (thing.department || '')) + (thing.hub ? ' @' + thing.hub : '');
}

export function district(thing) {
  return (thing.properties || {}).district || '';
}

export function shown(state) {
  if (!state || state.value === undefined || state.value === null) {
    return '';
  }
  const value = typeof state.value === 'object' ? JSON.stringify(state.value) : state.value;
  return value + (state.unit ? ' ' + state.unit : '');
}

export function statusText(thing) {
  return thing.status.label || thing.status.status;
}
