// The things the token sees, kept current by Server-Sent Events. Events change the things at once; the page that
// shows them hears of it once per animation frame, with the things that changed, however many events arrived.
import { api } from './core.js';

export const things = new Map();   // uid -> thing as /api/things answers it, kept current by events
const dirty = new Set();
let listener = null;               // the current page's refresh(uids)
let frame = false;
let source = null;

/** The page that hears of changes from now on ({@code null}: none). */
export function listen(refresh) {
  listener = refresh;
  dirty.clear();
}

/** Every thing the token sees, page by page. */
export async function loadThings() {
  const loaded = new Map();
  for (let offset = 0; ; offset += 1000) {
    const page = await (await api('/things?limit=1000&offset=' + offset)).json();
    page.forEach((thing) => loaded.set(thing.uid, thing));
    if (page.length < 1000) {
      break;
    }
  }
  things.clear();
  loaded.forEach((thing, uid) => things.set(uid, thing));
}

/** Follows the things' events; a ticket per connection, as tokens never go in URLs. */
export async function follow() {
  if (source) {
    return;
  }
  source = 'opening';
  const answer = await api('/events/tickets', { method: 'POST' });
  const { ticket } = await answer.json();
  source = new EventSource('/api/events?topics=' + encodeURIComponent('cityhub/things/#') + '&ticket=' + ticket);
  source.addEventListener('state', (event) => state(JSON.parse(event.data)));
  source.addEventListener('status', (event) => status(JSON.parse(event.data)));
  ['added', 'updated'].forEach((type) => source.addEventListener(type, (event) => defined(JSON.parse(event.data))));
  source.addEventListener('removed', (event) => changed(JSON.parse(event.data).uid, () => true));
  source.onopen = () => document.body.classList.add('live');
  source.onerror = () => {
    document.body.classList.remove('live');
    stop();
    setTimeout(() => sessionStorage.getItem('cityhub.token') && follow(), 3000);   // a ticket is used once
  };
}

export function stop() {
  if (source && source !== 'opening') {
    source.close();
  }
  source = null;
}

function state(payload) {
  changed(payload.thingUID, (thing) => {
    thing.states = { ...(thing.states || {}), [payload.channel]: payload.state };
    thing.latest = payload.channel;
  });
}

function status(payload) {
  changed(payload.thingUID, (thing) => { thing.status = { ...thing.status, ...payload.status }; });
}

/** A thing added or changed: its definition from the event, its status and states as they were or from /api. */
async function defined(definition) {
  const known = things.get(definition.uid);
  if (known) {
    changed(definition.uid, (thing) => Object.assign(thing, definition));
    return;
  }
  const answer = await api('/things/' + encodeURIComponent(definition.uid));
  if (answer.ok) {
    things.set(definition.uid, await answer.json());
    changed(definition.uid, () => {});
  }
}

/** Applies a change to a known thing ({@code remove} returning true takes it away) and asks for one redraw. */
function changed(uid, change) {
  window.cityhubEvents = (window.cityhubEvents || 0) + 1;   // counted by the browser benchmark
  const thing = things.get(uid);
  if (!thing) {
    return;
  }
  if (change(thing) === true) {
    things.delete(uid);
  }
  dirty.add(uid);
  if (!frame && listener) {
    frame = true;
    requestAnimationFrame(() => {
      frame = false;
      const uids = new Set(dirty);
      dirty.clear();
      if (listener) {
        listener(uids);
      }
    });
  }
}
