// The practical limit the web console is measured beside: Leaflet and its cluster plugin alone, the same versions from
// the hub's /ui/lib/, drawing the same things from the same /api with the same token, and colouring a marker on
// each state event as it arrives (no filters, no list, no batching). Run by WebDriver in a page of the hub's origin.
const [token, done] = [arguments[0], arguments[arguments.length - 1]];
const load = (tag, attributes) => new Promise((resolve, reject) => {
  const node = Object.assign(document.createElement(tag), attributes);
  node.onload = resolve;
  node.onerror = () => reject(new Error('cannot load ' + (attributes.src || attributes.href)));
  document.head.append(node);
});
(async () => {
  document.documentElement.innerHTML = '<head></head><body><div id="map" style="height: 70vh; width: 60%"></div></body>';
  await load('link', { rel: 'stylesheet', href: '/ui/lib/leaflet/1.9.4/dist/leaflet.css' });
  await load('link', { rel: 'stylesheet', href: '/ui/lib/leaflet-markercluster/1.4.1/MarkerCluster.Default.css' });
  await load('script', { src: '/ui/lib/leaflet/1.9.4/dist/leaflet.js' });
  await load('script', { src: '/ui/lib/leaflet-markercluster/1.4.1/leaflet.markercluster.js' });
  const headers = { Authorization: 'Bearer ' + token };
  const things = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await (await fetch('/api/things?limit=1000&offset=' + offset, { headers })).json();
    things.push(...page);
    if (page.length < 1000) {
      break;
    }
  }
  const map = L.map('map', { preferCanvas: true, minZoom: 3, maxZoom: 19 }).setView([30.27, 120.17], 12);
  const markers = new Map(things.filter((thing) => thing.location).map((thing) => [thing.uid,
    L.circleMarker([thing.location.lat, thing.location.lon], { radius: 7, color: '#1a7f37' })]));
  const clusters = L.markerClusterGroup({ chunkedLoading: true, chunkProgress: (drawn, total) => {
    if (drawn === total) {
      window.bareDrawn = performance.now();
    }
  } });
  map.addLayer(clusters);
  clusters.addLayers([...markers.values()]);
  const { ticket } = await (await fetch('/api/events/tickets', { method: 'POST', headers })).json();
  const source = new EventSource('/api/events?topics=' + encodeURIComponent('cityhub/things/#') + '&ticket=' + ticket);
  window.bareEvents = 0;
  source.addEventListener('state', (event) => {
    window.bareEvents++;
    const change = JSON.parse(event.data);
    const marker = markers.get(change.thingUID);
    if (marker) {
      marker.setStyle({ color: change.state.value % 2 ? '#1a7f37' : '#0969da' });
    }
  });
  done('ok');
})().catch((failure) => done('failed: ' + String(failure) + ' ' + (failure && failure.stack)));
