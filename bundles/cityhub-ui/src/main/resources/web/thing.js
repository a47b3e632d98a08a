// A thing's page: its states updating live, its status and why, the input errors its device sent, its definition
// (secrets only as set or not set), commands for operators and the history of its number channels.
import { api, element, json, may, owner, problem, shown, statusText, t, when } from './core.js';
import { follow, listen, things } from './live.js';

export async function thingPage(view, uid) {
  const answer = await api('/things/' + encodeURIComponent(uid));
  if (!answer.ok) {
    view.replaceChildren(element('p', { class: 'error', role: 'alert' }, await problem(answer)),
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
  const errors = element('section', { id: 'input-errors' });
  const numbers = channels.filter((channel) => channel.itemType === 'number');
  view.replaceChildren(element('a', { href: '#/' }, t('back')),
    element('h1', { id: 'thing-label' }, thing.label), status, errors,
    element('table', { id: 'states' }, element('thead', {}, element('tr', {},
      ['channel', 'value', 'updated', 'command'].map((key) => element('th', { scope: 'col' }, t(key))))), rows),
    numbers.length ? historySection(uid, numbers) : '',
    definition(thing, type));

  const cells = new Map();   // channel id -> [value cell, updated cell]; the rows stay, so a command being typed too
  rows.replaceChildren(...channels.map((channel) => {
    const value = element('td', { class: 'value' });
    const updated = element('td');
    cells.set(channel.id, [value, updated]);
    return element('tr', { 'data-channel': channel.id }, element('th', { scope: 'row' }, channel.label), value, updated,
      element('td', {}, channel.readOnly === false && may('operator')
        ? commandControls(uid, channel, (thing.states || {})[channel.id]) : ''));
  }));
  const draw = () => {
    const current = things.get(uid) || thing;
    status.textContent = statusText(current) + (current.status.message ? ' — ' + current.status.message : '');
    errors.replaceChildren(...inputErrors(current));
    cells.forEach(([value, updated], channel) => {
      const state = (current.states || {})[channel] || {};
      value.textContent = shown(state);
      updated.textContent = when(state.updated);
    });
  };
  listen((uids) => uids.has(uid) && draw());
  draw();
}

/** What the device sent that the hub could not read, by channel, and the last reason. */
function inputErrors(thing) {
  const errors = thing.inputErrors || { count: 0 };
  if (!errors.count) {
    return [];
  }
  return [element('h2', {}, t('inputErrors') + ': ' + errors.count),
    element('p', {}, Object.entries(errors.channels || {}).map(([channel, count]) => channel + ' × ' + count).join(', ')),
    element('p', { class: 'error' }, t('lastError') + ' (' + when(errors.lastAt) + '): ' + errors.last)];
}

/** The thing as it is defined; a secret parameter only says whether it is set. */
function definition(thing, type) {
  const parameters = Object.fromEntries((type.parameters || []).map((p) => [p.name, p]));
  const value = (name, given) => {
    if ((parameters[name] || {}).secret || (given && typeof given === 'object' && 'secret' in given)) {
      return given ? t('set') : t('notSet');
    }
    return typeof given === 'object' ? JSON.stringify(given) : String(given);
  };
  const configuration = Object.entries(thing.configuration || {}).filter(([name]) => name !== 'channels');
  const rows = [
    [t('uid'), thing.uid], [t('type'), type.label + ' (' + thing.thingTypeUID + ')'], [t('owner'), owner(thing)],
    [t('source'), thing.source || ''],
    [t('location'), thing.location ? thing.location.lat + ', ' + thing.location.lon : ''],
    [t('tags'), (thing.tags || []).join(', ')],
    ...Object.entries(thing.properties || {}).map(([name, given]) => [name === 'district' ? t('district') : name, given]),
    ...configuration.map(([name, given]) => [(parameters[name] || {}).label || name, value(name, given)]),
  ];
  return element('details', { id: 'definition' }, element('summary', {}, t('definition')),
    element('table', {}, element('tbody', {}, rows.map(([name, given]) => element('tr', {},
      element('th', { scope: 'row' }, name), element('td', {}, given))))));
}

function commandControls(uid, channel, state) {
  const result = element('span', { class: 'result', role: 'status' });
  const send = async (command) => {
    const answer = await api('/things/' + encodeURIComponent(uid) + '/channels/' + channel.id + '/command',
      json('POST', { command }));
    result.textContent = answer.ok ? t('sent') : t('failed') + ': ' + await problem(answer);
  };
  if (channel.itemType === 'onoff' || channel.itemType === 'openclosed') {
    const [on, off] = channel.itemType === 'onoff' ? ['ON', 'OFF'] : ['OPEN', 'CLOSED'];
    return element('span', {}, element('button', { type: 'button', class: 'on', onclick: () => send(on) }, on),
      element('button', { type: 'button', class: 'off', onclick: () => send(off) }, off), result);
  }
  const ranged = channel.itemType === 'number' && channel.min !== undefined && channel.max !== undefined;
  const input = element('input', { type: ranged ? 'range' : channel.itemType === 'number' ? 'number' : 'text',
    min: channel.min, max: channel.max, step: channel.step || 'any', 'aria-label': channel.label + ' ' + t('command') });
  const value = () => (channel.itemType === 'number' ? Number(input.value) : input.value);
  if (ranged) {
    const current = Number((state || {}).value);
    input.value = Number.isFinite(current) ? current : channel.min;   // the slider starts where the channel is
    input.title = channel.min + '–' + channel.max + ' ' + (channel.unit || '');
    const output = element('output', {}, input.value);
    input.oninput = () => { output.textContent = input.value; };
    return element('span', {}, input, ' ', output, ' ', channel.unit || '', ' ',
      element('button', { type: 'button', onclick: () => send(value()) }, t('send')), result);
  }
  return element('span', {}, input, channel.unit ? ' ' + channel.unit + ' ' : ' ',
    element('button', { type: 'button', onclick: () => send(value()) }, t('send')), result);
}

function historySection(uid, numbers) {
  const chartBox = element('div', { id: 'chart' });
  const chartChannel = element('select', { id: 'chart-channel', 'aria-label': t('channel') },
    numbers.map((channel) => element('option', { value: channel.id }, channel.label)));
  const range = element('select', { id: 'chart-range', 'aria-label': t('range') },
    element('option', { value: '-1h|1m' }, t('hour')), element('option', { value: '-24h|15m', selected: true }, t('day')),
    element('option', { value: '-7d|1h' }, t('week')));
  const aggregate = element('select', { id: 'chart-aggregate', 'aria-label': t('aggregate') },
    ['band', 'avg', 'twa', 'min', 'max', 'last'].map((name) => element('option', { value: name }, t('aggregate-' + name))));
  const chart = () => drawChart(chartBox, uid, chartChannel.value, range.value, aggregate.value);
  [chartChannel, range, aggregate].forEach((picker) => { picker.onchange = chart; });
  chart();
  return element('section', { class: 'history' }, element('h2', {}, t('history')), chartChannel, range, aggregate,
    element('button', { id: 'csv', type: 'button', onclick: () => downloadCsv(uid, chartChannel.value, range.value) },
      t('csv')), chartBox);
}

async function historyPoints(uid, channel, rangeValue, aggregate) {
  const [from, interval] = rangeValue.split('|');
  const answer = await api('/things/' + encodeURIComponent(uid) + '/channels/' + channel + '/history?from=' + from
    + '&interval=' + interval + '&aggregate=' + aggregate);
  return answer.ok ? (await answer.json()).points : [];
}

/**
 * The channel's history over the whole range asked for, per interval: the average in a band of minimum and maximum
 * ({@code band}), or one aggregate; drag to zoom.
 */
async function drawChart(box, uid, channel, rangeValue, aggregate) {
  const names = aggregate === 'band' ? ['avg', 'min', 'max'] : [aggregate];
  const [main, ...bounds] = await Promise.all(names.map((name) => historyPoints(uid, channel, rangeValue, name)));
  box.replaceChildren();
  if (!main.length) {
    box.append(element('p', { class: 'empty' }, t('noHistory')));
    return;
  }
  const times = main.map((point) => Date.parse(point.t) / 1000);
  const seconds = { '-1h': 3600, '-24h': 86400, '-7d': 604800 }[rangeValue.split('|')[0]];
  const now = Date.now() / 1000;
  const at = (points) => {
    const byTime = new Map(points.map((point) => [point.t, point.v]));
    return main.map((point) => byTime.get(point.t) ?? null);
  };
  const series = [{}, { label: t(aggregate === 'band' ? 'aggregate-avg' : 'aggregate-' + aggregate), stroke: '#0969da',
    width: 2 }, ...bounds.map((points, i) => ({ label: t(i === 0 ? 'minimum' : 'maximum'), stroke: '#8c959f',
    dash: [4, 4] }))];
  // the range's ends as empty points, so that the chart spans the range asked for and zooms within it
  const data = [[now - seconds, ...times, now], [null, ...main.map((point) => point.v), null],
    ...bounds.map((points) => [null, ...at(points), null])];
  // eslint-disable-next-line no-undef
  new uPlot({ width: Math.min(900, box.clientWidth || 900), height: 300, series,
    bands: bounds.length ? [{ series: [3, 2], fill: 'rgba(9, 105, 218, 0.1)' }] : [],
    cursor: { drag: { x: true, y: false } } }, data, box);
}

async function downloadCsv(uid, channel, rangeValue) {
  const [from] = rangeValue.split('|');
  const answer = await api('/things/' + encodeURIComponent(uid) + '/channels/' + channel + '/history?from=' + from,
    { headers: { Accept: 'text/csv' } });
  const link = element('a', { href: URL.createObjectURL(await answer.blob()),
    download: uid.replaceAll(':', '_') + '-' + channel + '.csv' });
  link.click();
  URL.revokeObjectURL(link.href);
}
