// The city at a glance: the things on a map, coloured by status and clustered where dense, beside a list; both
// filtered by search, owner, district, tag, type and status, and kept live. An event changes the marker and the row
// of its thing alone; the whole map is drawn again only when the filters change or a thing leaves or joins them.
import { district, element, owner, session, shown, statusText, t } from './core.js';
import { follow, listen, loadThings, things } from './live.js';

const STATUS_COLOURS = { ONLINE: '#1a7f37', OFFLINE: '#cf222e', UNKNOWN: '#9a6700', INITIALIZING: '#9a6700' };
const LIST_PAGE = 500;
const colour = (thing) => STATUS_COLOURS[thing.status.status] || '#57606a';

function choice(id, label, values) {
  return element('select', { id, 'aria-label': t(label) }, element('option', { value: '' }, t(label) + ': ' + t('all')),
    values.map((value) => element('option', { value }, value)));
}

const sorted = (values) => [...new Set(values.filter(Boolean))].sort();

/** The channel whose state changed last, as the hub listed it; from then on events say which. */
function newest(thing) {
  const states = Object.entries(thing.states || {});
  states.sort(([, a], [, b]) => String(b.updated).localeCompare(String(a.updated)));
  thing.latest = states.length ? states[0][0] : null;
  return thing.latest;
}

export async function cityPage(view) {
  await loadThings();
  follow();
  const all = [...things.values()];
  const search = element('input', { id: 'search', type: 'search', 'aria-label': t('search'), placeholder: t('search') });
  const filters = {
    owner: choice('department', 'owner', sorted(all.map(owner))),
    district: choice('district', 'district', sorted(all.map(district))),
    tag: choice('tag', 'tag', sorted(all.flatMap((thing) => thing.tags || []))),
    type: choice('type', 'type', sorted(all.map((thing) => thing.thingTypeUID))),
    status: choice('status', 'status', ['ONLINE', 'OFFLINE', 'UNKNOWN', 'INITIALIZING', 'UNINITIALIZED']),
  };
  const count = element('span', { id: 'count', role: 'status' });
  const note = element('p', { id: 'map-note', class: 'note', hidden: true });
  const mapBox = element('div', { id: 'map', role: 'region', 'aria-label': t('map') });
  const rows = element('tbody');
  const more = element('button', { id: 'more', type: 'button', hidden: true }, t('showMore'));
  view.replaceChildren(element('section', { class: 'filters' }, search, Object.values(filters), count,
    element('span', { class: 'live-mark' }, '● ', element('span', { class: 'live-on' }, t('live')),
      element('span', { class: 'live-off' }, t('offline')))),
  element('div', { class: 'city' }, element('div', {}, mapBox, note),
    element('div', { class: 'list' }, element('table', { id: 'things' }, element('thead', {}, element('tr', {},
      ['label', 'owner', 'district', 'status', 'latest'].map((key) => element('th', { scope: 'col' }, t(key))))),
    rows), more)));

  const map = L.map(mapBox, { preferCanvas: true, minZoom: 3, maxZoom: 19 })
    .setView(session.settings.center, session.settings.zoom);
  if (session.settings.tileUrl) {
    L.tileLayer(session.settings.tileUrl, { attribution: session.settings.tileAttribution, maxZoom: 19 }).addTo(map);
  } else {
    mapBox.classList.add('backdrop');
  }
  drawDistricts(map, note, (name) => { filters.district.value = name; draw(); });
  const clusters = L.markerClusterGroup({ chunkedLoading: true, chunkProgress: (done, total) => {
    if (done === total) {
      window.cityhubDrawn = performance.now();   // since the page was asked for; read by the browser benchmark
    }
  } });
  map.addLayer(clusters);

  const markers = new Map();   // uid -> marker of the things shown
  const shownRows = new Map(); // uid -> row of the things listed
  let visible = [];
  let visibleUids = new Set();
  let listed = LIST_PAGE;

  const matches = (thing) => {
    const text = search.value.trim().toLowerCase();
    return (!text || thing.label.toLowerCase().includes(text) || thing.uid.toLowerCase().includes(text))
      && (!filters.owner.value || owner(thing) === filters.owner.value)
      && (!filters.district.value || district(thing) === filters.district.value)
      && (!filters.tag.value || (thing.tags || []).includes(filters.tag.value))
      && (!filters.type.value || thing.thingTypeUID === filters.type.value)
      && (!filters.status.value || thing.status.status === filters.status.value);
  };
  const marker = (thing) => L.circleMarker([thing.location.lat, thing.location.lon],
    { radius: 7, color: colour(thing), fillOpacity: 0.8 })
    .bindPopup(() => element('div', {}, element('strong', {}, thing.label), element('br'), statusText(thing) + ' ',
      element('a', { href: '#/thing/' + encodeURIComponent(thing.uid) }, '→')));
  const latest = (thing) => shown((thing.states || {})[thing.latest || newest(thing)]);
  const row = (thing) => element('tr', { 'data-uid': thing.uid },
    element('td', {}, element('a', { href: '#/thing/' + encodeURIComponent(thing.uid) }, thing.label)),
    element('td', {}, owner(thing)), element('td', {}, district(thing)),
    element('td', { class: 'status-' + thing.status.status }, statusText(thing)), element('td', {}, latest(thing)));
  const list = () => {
    shownRows.clear();
    rows.replaceChildren(...visible.slice(0, listed).map((thing) => {
      const tr = row(thing);
      shownRows.set(thing.uid, tr);
      return tr;
    }));
    more.hidden = visible.length <= listed;
  };
  const draw = () => {
    visible = [...things.values()].filter(matches);
    visibleUids = new Set(visible.map((thing) => thing.uid));
    count.textContent = visible.length + ' ' + t('things');
    clusters.clearLayers();
    markers.clear();
    const located = visible.filter((thing) => thing.location);
    located.forEach((thing) => markers.set(thing.uid, marker(thing)));
    clusters.addLayers([...markers.values()]);
    listed = LIST_PAGE;
    list();
  };
  /** The things that changed since the last frame: their marker and row alone, unless one joined or left. */
  const refresh = (uids) => {
    const joinedOrLeft = [...uids].some((uid) => (things.has(uid) && matches(things.get(uid))) !== visibleUids.has(uid));
    if (joinedOrLeft) {
      draw();
      return;
    }
    uids.forEach((uid) => {
      const thing = things.get(uid);
      const shownMarker = markers.get(uid);
      if (shownMarker && shownMarker.options.color !== colour(thing)) {
        shownMarker.setStyle({ color: colour(thing) });
      }
      const tr = shownRows.get(uid);
      if (tr) {   // in place, so that a link with the keyboard's focus keeps it
        const [label, , , state, last] = tr.cells;
        label.firstChild.textContent = thing.label;
        state.className = 'status-' + thing.status.status;
        state.textContent = statusText(thing);
        last.textContent = latest(thing);
      }
    });
  };
  search.oninput = draw;
  Object.values(filters).forEach((control) => { control.onchange = draw; });
  more.onclick = () => { listed += LIST_PAGE; list(); };
  listen(refresh);
  draw();
}

/** The city's districts from its configuration: outlines named in the console's language; a click filters by one. */
async function drawDistricts(map, note, choose) {
  const outlines = await (await fetch('districts.json')).json();
  if (outlines.problem) {
    note.hidden = false;
    note.textContent = t('districtsProblem') + ' ' + outlines.problem;
  }
  const backdrop = !session.settings.tileUrl;
  L.geoJSON(outlines, {
    style: { color: '#57606a', weight: 1, fillColor: '#d8e1e8', fillOpacity: backdrop ? 0.6 : 0.05 },
    onEachFeature: (feature, layer) => {
      const names = feature.properties.labels || {};
      layer.bindTooltip(names[session.language] || feature.properties.name,
        { permanent: backdrop, direction: 'center', className: 'district-name' });
      layer.on('click', () => choose(feature.properties.name));
    },
  }).addTo(map);
}
