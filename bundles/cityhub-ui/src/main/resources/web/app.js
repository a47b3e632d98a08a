// The web console: a map and list of the things the token sees, live through Server-Sent Events, and each thing's
// page with its states, commands and history. It uses the public /api alone, with the token kept in this tab's
// session storage, never in a URL.
import { TEXTS, initialLanguage } from './texts.js';

const STATUS_COLOURS = { ONLINE: '#1a7f37', OFFLINE: '#cf222e', UNKNOWN: '#9a6700', INITIALIZING: '#9a6700' };
const view = document.getElementById('view');
const things = new Map();          // uid -> thing as /api/things answers it, kept current by events
let language = initialLanguage();
let settings = { tileUrl: '', center: [30.27, 120.17], zoom: 12 };
let events = null;                 // the open EventSource
let redraw = null;                 // what the current page draws again when events changed things
let pending = false;               // a redraw is asked for the next animation frame

const t = (key) => TEXTS[language][key] || TEXTS.en[key] || key;
const token = () => sessionStorage.getItem('cityhub.token');

async function api(path, options = {}) {
  const response = await fetch('/api' + path, {
    ...options,
    headers: { Authorization: 'Bearer ' + token(), 'Accept-Language': language, ...(options.headers || {}) },
  });
  if (response.status === 401) {
    signOut();
    throw new Error(t('badToken'));
  }
  return response;
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([name, value]) => {
    if (name === 'onclick' || name === 'oninput' || name === 'onchange' || name === 'onsubmit') {
      node[name] = value;
    } else if (value !== undefined && value !== null && value !== false) {
      node.setAttribute(name, value === true ? '' : value);
    }
  });
  children.flat().forEach((child) => node.append(child instanceof Node ? child : String(child ?? '')));
  return node;
}

function translatePage() {
  document.documentElement.lang = language;
  document.querySelectorAll('[data-text]').forEach((node) => { node.textContent = t(node.dataset.text); });
  document.getElementById('language').value = language;
  document.getElementById('sign-out').hidden = !token();
}

function signOut() {
  sessionStorage.removeItem('cityhub.token');
  if (events) {
    events.close();
    events = null;
  }
  things.clear();
  location.hash = '#/';
  route();
}

function signInPage(message) {
  redraw = null;
  const input = element('input', { id: 'token', type: 'password', autocomplete: 'off', required: true,
    'aria-describedby': 'sign-in-help' });
  view.replaceChildren(element('form', { class: 'sign-in', onsubmit: async (event) => {
    event.preventDefault();
    sessionStorage.setItem('cityhub.token', input.value.trim());
    const answer = await fetch('/api/things?limit=1', { headers: { Authorization: 'Bearer ' + token() } });
    if (answer.ok) {
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

/** Every thing the token sees, page by page. */
async function loadThings() {
  things.clear();
  for (let offset = 0; ; offset += 1000) {
    const page = await (await api('/things?limit=1000&offset=' + offset)).json();
    page.forEach((thing) => things.set(thing.uid, thing));
    if (page.length < 1000) {
      return;
    }
  }
}

/** Follows the things' events; a ticket per connection, as tokens never go in URLs. */
async function follow() {
  if (events) {
    return;
  }
  const answer = await api('/events/tickets', { method: 'POST' });
  const { ticket } = await answer.json();
  events = new EventSource('/api/events?topics=' + encodeURIComponent('cityhub/things/#') + '&ticket=' + ticket);
  events.addEventListener('state', (event) => changed(JSON.parse(event.data), 'state'));
  events.addEventListener('status', (event) => changed(JSON.parse(event.data), 'status'));
  events.onopen = () => document.body.classList.add('live');
  events.onerror = () => {
    document.body.classList.remove('live');
    events.close();
    events = null;
    setTimeout(() => token() && follow(), 3000);   // a ticket is used once: the next connection asks anew
  };
}

function changed(payload, kind) {
  const thing = things.get(payload.thingUID);
  if (!thing) {
    return;
  }
  if (kind === 'state') {
    thing.states = { ...(thing.states || {}), [payload.channel]: payload.state };
  } else if (payload.status) {
    thing.status = { ...thing.status, ...payload.status };
  }
  if (!pending && redraw) {
    pending = true;
    requestAnimationFrame(() => { pending = false; if (redraw) redraw(); });   // a thousand events, one frame
  }
}

/** A time as people of the console's language write it. */
function when(instant) {
  return instant ? new Date(instant).toLocaleString(language) : '';
}

function owner(thing) {
  return thing.household ? '⌂ ' + thing.household : (thing.department || '');
}

function shown(state) {
  if (!state || state.value === undefined || state.value === null) {
    return '';
  }
  return state.value + (state.unit ? ' ' + state.unit : '');
}

async function mapPage() {
  await loadThings();
  follow();
  const departments = [...new Set([...things.values()].map(owner).filter(Boolean))].sort();
  const search = element('input', { id: 'search', type: 'search', 'aria-label': t('search'), placeholder: t('search') });
  const department = element('select', { id: 'department', 'aria-label': t('department') },
    element('option', { value: '' }, t('all')), departments.map((name) => element('option', { value: name }, name)));
  const status = element('select', { id: 'status', 'aria-label': t('status') },
    element('option', { value: '' }, t('all')),
    ['ONLINE', 'OFFLINE', 'UNKNOWN', 'UNINITIALIZED'].map((name) => element('option', { value: name }, name)));
  const count = element('span', { id: 'count', role: 'status' });
  const mapBox = element('div', { id: 'map', role: 'region', 'aria-label': t('map') });
  const list = element('tbody');
  view.replaceChildren(element('section', { class: 'filters' }, search, department, status, count,
    element('span', { class: 'live-mark' }, '● ', element('span', { class: 'live-on' }, t('live')),
      element('span', { class: 'live-off' }, t('offline')))),
  element('div', { class: 'city' }, mapBox, element('table', { id: 'things' },
    element('thead', {}, element('tr', {}, element('th', {}, t('label')), element('th', {}, t('owner')),
      element('th', {}, t('status')))), list)));

  const map = L.map(mapBox, { preferCanvas: true, minZoom: 3, maxZoom: 19 }).setView(settings.center, settings.zoom);
  if (settings.tileUrl) {
    L.tileLayer(settings.tileUrl, { attribution: settings.tileAttribution, maxZoom: 19 }).addTo(map);
  } else {
    mapBox.classList.add('backdrop');
  }
  const clusters = L.markerClusterGroup({ chunkedLoading: true });
  map.addLayer(clusters);
  const markers = new Map();

  const matches = (thing) => {
    const text = search.value.trim().toLowerCase();
    return (!text || thing.label.toLowerCase().includes(text) || thing.uid.toLowerCase().includes(text))
      && (!department.value || owner(thing) === department.value)
      && (!status.value || thing.status.status === status.value);
  };
  const draw = () => {
    const visible = [...things.values()].filter(matches);
    count.textContent = visible.length + ' ' + t('things');
    clusters.clearLayers();
    markers.clear();
    visible.filter((thing) => thing.location).forEach((thing) => {
      const marker = L.circleMarker([thing.location.lat, thing.location.lon], {
        radius: 7, color: STATUS_COLOURS[thing.status.status] || '#57606a', fillOpacity: 0.8,
      }).bindPopup(() => element('div', {}, element('strong', {}, thing.label), element('br'),
        (thing.status.label || thing.status.status) + ' ', element('a', { href: '#/thing/' + thing.uid }, '→')));
      markers.set(thing.uid, marker);
      clusters.addLayer(marker);
    });
    list.replaceChildren(...visible.slice(0, 500).map((thing) => element('tr', { 'data-uid': thing.uid },
      element('td', {}, element('a', { href: '#/thing/' + thing.uid }, thing.label)),
      element('td', {}, owner(thing)),
      element('td', { class: 'status-' + thing.status.status }, thing.status.label || thing.status.status))));
  };
  [search, department, status].forEach((control) => { control.oninput = draw; control.onchange = draw; });
  redraw = draw;
  draw();
}

async function thingPage(uid) {
  const answer = await api('/things/' + uid);
  if (!answer.ok) {
    view.replaceChildren(element('p', { class: 'error', role: 'alert' }, (await answer.json()).detail),
      element('a', { href: '#/' }, t('back')));
    return;
  }
  const thing = await answer.json();
  things.set(uid, thing);
  follow();
  const type = await (await api('/thing-types/' + thing.thingTypeUID)).json();
  const channels = [...(type.channels || []), ...((thing.configuration || {}).channels || [])]
    .filter((channel) => channel.kind !== 'trigger');
  const rows = element('tbody');
  const status = element('p', { id: 'thing-status', role: 'status' });
  const chartBox = element('div', { id: 'chart' });
  const numbers = channels.filter((channel) => channel.itemType === 'number');
  const chartChannel = element('select', { id: 'chart-channel', 'aria-label': t('channel') },
    numbers.map((channel) => element('option', { value: channel.id }, channel.label)));
  const range = element('select', { id: 'chart-range', 'aria-label': t('range') },
    element('option', { value: '-1h|1m' }, t('hour')), element('option', { value: '-24h|15m', selected: true }, t('day')),
    element('option', { value: '-7d|1h' }, t('week')));
  view.replaceChildren(element('a', { href: '#/' }, t('back')),
    element('h1', { id: 'thing-label' }, thing.label), status,
    element('table', { id: 'states' }, element('thead', {}, element('tr', {}, element('th', {}, t('channel')),
      element('th', {}, t('value')), element('th', {}, t('updated')), element('th', {}, t('command')))), rows),
    numbers.length ? element('section', { class: 'history' }, element('h2', {}, t('history')), chartChannel, range,
      element('button', { id: 'csv', type: 'button', onclick: () => downloadCsv(uid, chartChannel.value, range.value) },
        t('csv')), chartBox) : '');

  const draw = () => {
    const current = things.get(uid);
    status.textContent = (current.status.label || current.status.status)
      + (current.status.message ? ' — ' + current.status.message : '');
    rows.replaceChildren(...channels.map((channel) => element('tr', { 'data-channel': channel.id },
      element('th', { scope: 'row' }, channel.label),
      element('td', { class: 'value' }, shown((current.states || {})[channel.id])),
      element('td', {}, when(((current.states || {})[channel.id] || {}).updated)),
      element('td', {}, channel.readOnly === false ? commandControls(uid, channel) : ''))));
  };
  redraw = draw;
  draw();
  if (numbers.length) {
    const chart = () => drawChart(chartBox, uid, chartChannel.value, range.value);
    chartChannel.onchange = chart;
    range.onchange = chart;
    chart();
  }
}

function commandControls(uid, channel) {
  const result = element('span', { class: 'result', role: 'status' });
  const send = async (command) => {
    const answer = await api('/things/' + uid + '/channels/' + channel.id + '/command', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ command }),
    });
    result.textContent = answer.ok ? t('sent') : t('failed') + ': ' + (await answer.json()).detail;
  };
  if (channel.itemType === 'onoff') {
    return element('span', {}, element('button', { type: 'button', class: 'on', onclick: () => send('ON') }, 'ON'),
      element('button', { type: 'button', class: 'off', onclick: () => send('OFF') }, 'OFF'), result);
  }
  const input = element('input', { type: channel.itemType === 'number' ? 'number' : 'text', step: 'any',
    'aria-label': channel.label + ' ' + t('command') });
  return element('span', {}, input, channel.unit ? ' ' + channel.unit + ' ' : ' ',
    element('button', { type: 'button', onclick: () => send(channel.itemType === 'number'
      ? Number(input.value) : input.value) }, t('send')), result);
}

async function historyPoints(uid, channel, rangeValue, aggregate) {
  const [from, interval] = rangeValue.split('|');
  const answer = await api('/things/' + uid + '/channels/' + channel + '/history?from=' + from + '&interval='
    + interval + '&aggregate=' + aggregate);
  return answer.ok ? (await answer.json()).points : [];
}

async function drawChart(box, uid, channel, rangeValue) {
  const [average, minimum, maximum] = await Promise.all(['avg', 'min', 'max']
    .map((aggregate) => historyPoints(uid, channel, rangeValue, aggregate)));
  box.replaceChildren();
  if (!average.length) {
    box.append(element('p', { class: 'empty' }, t('noHistory')));
    return;
  }
  const times = average.map((point) => Date.parse(point.t) / 1000);
  const seconds = { '-1h': 3600, '-24h': 86400, '-7d': 604800 }[rangeValue.split('|')[0]];
  const now = Date.now() / 1000;
  const at = (points) => { const byTime = new Map(points.map((p) => [p.t, p.v])); return average.map((p) => byTime.get(p.t) ?? null); };
  // eslint-disable-next-line no-undef
  new uPlot({ width: Math.min(900, box.clientWidth || 900), height: 300, series: [{},
    { label: t('average'), stroke: '#0969da', width: 2 },
    { label: t('minimum'), stroke: '#8c959f', dash: [4, 4] },
    { label: t('maximum'), stroke: '#8c959f', dash: [4, 4] }],
    cursor: { drag: { x: true, y: false } } },
  // the range's ends as empty points, so that the chart spans the range asked for and zooms within it
  [[now - seconds, ...times, now], [null, ...average.map((point) => point.v), null], [null, ...at(minimum), null],
    [null, ...at(maximum), null]], box);
}

async function downloadCsv(uid, channel, rangeValue) {
  const [from] = rangeValue.split('|');
  const answer = await api('/things/' + uid + '/channels/' + channel + '/history?from=' + from,
    { headers: { Accept: 'text/csv' } });
  const link = element('a', { href: URL.createObjectURL(await answer.blob()), download: uid.replaceAll(':', '_') + '-'
    + channel + '.csv' });
  link.click();
  URL.revokeObjectURL(link.href);
}

/** A table of rows, each an array of cells; an empty one says so. */
function table(id, headers, rows) {
  return element('table', { id }, element('thead', {}, element('tr', {}, headers.map((h) => element('th', {}, t(h))))),
    element('tbody', {}, rows.length ? rows.map((cells) => element('tr', {}, cells.map((cell) => element('td', {}, cell))))
      : element('tr', {}, element('td', { colspan: headers.length }, t('none')))));
}

/** What a duty officer keeps open: things not online and why, the thing files' problems, the hub's health. */
async function problemsPage() {
  await loadThings();
  follow();
  const [files, health] = await Promise.all([api('/things/problems'), api('/health')]);
  const fileRows = files.ok ? (await files.json()).map((p) => [p.file, p.line, p.message]) : [];
  const hubHealth = await health.json();
  const checks = Object.entries(hubHealth.checks || {});
  const notOnline = element('div');
  view.replaceChildren(element('h1', {}, t('problems')), element('h2', {}, t('notOnline')), notOnline,
    ...(files.ok ? [element('h2', {}, t('fileProblems')), table('file-problems', ['file', 'line', 'message'], fileRows)]
      : []),
    element('h2', {}, t('health') + ': ' + hubHealth.status), table('health', ['id', 'status', 'message'],
      checks.map(([name, check]) => [name, check.ready && !check.degraded ? '✓' : '✗', check.detail || ''])));
  const draw = () => notOnline.replaceChildren(table('not-online', ['label', 'owner', 'status', 'message'],
    [...things.values()].filter((thing) => thing.status.status !== 'ONLINE').map((thing) => [
      element('a', { href: '#/thing/' + thing.uid }, thing.label), owner(thing),
      thing.status.label || thing.status.status, thing.status.message || ''])));
  redraw = draw;
  draw();
}

/** The events the token may see, as they come, filtered by topic ({@code cityhub/things/#} by default). */
async function eventsPage() {
  const topics = element('input', { id: 'topics', value: 'cityhub/#', 'aria-label': t('topics') });
  const rows = element('tbody');
  const log = [];
  let stream = null;
  let drawing = false;
  const open = async () => {
    if (stream) {
      stream.close();
    }
    log.length = 0;
    const { ticket } = await (await api('/events/tickets', { method: 'POST' })).json();
    stream = new EventSource('/api/events?topics=' + encodeURIComponent(topics.value) + '&ticket=' + ticket);
    const take = (event) => {
      log.unshift([new Date().toLocaleTimeString(language), event.type, event.data.slice(0, 200)]);
      log.length = Math.min(log.length, 200);
      if (!drawing) {
        drawing = true;
        requestAnimationFrame(() => {
          drawing = false;
          rows.replaceChildren(...log.map((cells) => element('tr', {}, cells.map((cell) => element('td', {}, cell)))));
        });
      }
    };
    ['state', 'status', 'added', 'updated', 'removed', 'command', 'trigger', 'expired'].forEach((type) =>
      stream.addEventListener(type, take));
  };
  view.replaceChildren(element('h1', {}, t('events')), element('form', { onsubmit: (event) => {
    event.preventDefault();
    open();
  } }, topics, element('button', { type: 'submit' }, t('send'))),
  element('table', { id: 'event-log' }, element('thead', {}, element('tr', {}, element('th', {}, t('time')),
    element('th', {}, t('type')), element('th', {}, t('data')))), rows));
  redraw = null;
  window.addEventListener('hashchange', () => stream && stream.close(), { once: true });
  open();
}

async function rulesPage() {
  redraw = null;
  const rules = await (await api('/rules')).json();
  view.replaceChildren(element('h1', {}, t('rules')), table('rules', ['id', 'label', 'department', 'status'],
    (Array.isArray(rules) ? rules : []).map((rule) => [rule.id, rule.label, rule.department,
      rule.status + (rule.message ? ' — ' + rule.message : '')])));
}

async function grantsPage() {
  redraw = null;
  const grants = await (await api('/grants')).json();
  view.replaceChildren(element('h1', {}, t('grants')), table('grants', ['id', 'owner', 'grantee', 'purpose', 'active'],
    grants.map((grant) => [grant.id, grant.owner.department || '⌂ ' + grant.owner.household, grant.grantee,
      grant.purpose, grant.active ? t('yes') : t('no')])));
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
  }
}

async function route() {
  translatePage();
  if (!token()) {
    signInPage();
    return;
  }
  const hash = location.hash || '#/';
  try {
    if (hash.startsWith('#/thing/')) {
      await thingPage(decodeURIComponent(hash.substring('#/thing/'.length)));
    } else if (hash === '#/problems') {
      await problemsPage();
    } else if (hash === '#/events') {
      await eventsPage();
    } else if (hash === '#/rules') {
      await rulesPage();
    } else if (hash === '#/grants') {
      await grantsPage();
    } else {
      await mapPage();
    }
  } catch (failure) {
    console.error(failure);
    view.replaceChildren(element('p', { class: 'error', role: 'alert' }, failure.message || String(failure)));
  }
  view.focus();
}

document.getElementById('language').onchange = (event) => {
  language = event.target.value;
  localStorage.setItem('cityhub.language', language);
  route();
};
document.getElementById('sign-out').onclick = signOut;
window.addEventListener('hashchange', async () => {
  await signInByTicket();   // a link opened in a tab that shows the console already
  route();
});
settings = await (await fetch('config.json')).json();
await signInByTicket();
route();
