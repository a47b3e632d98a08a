// The duty officer's and the administrator's pages: problems, the live event log, rules, grants, the inbox of
// discovered devices and the bindings. Each shows what the token may see; a page it may not open says why.
import { api, element, json, may, owner, problem, readFor, session, statusText, t, table, watch, when } from './core.js';
import { follow, listen, loadThings, things } from './live.js';

/** What a duty officer keeps open: things not online and why, the thing files' problems, the hub's health. */
export async function problemsPage(view) {
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
      element('a', { href: '#/thing/' + encodeURIComponent(thing.uid) }, thing.label), owner(thing),
      statusText(thing), thing.status.message || ''])));
  listen(draw);
  draw();
}

/** The events the token may see, as they come, filtered by topic. */
export async function eventsPage(view) {
  listen(null);
  const topics = element('input', { id: 'topics', value: 'cityhub/#', 'aria-label': t('topics') });
  const rows = element('tbody');
  const log = [];
  let stream = null;
  let drawing = false;
  const take = (event) => {
    log.unshift([new Date().toLocaleTimeString(session.language), event.type, event.data.slice(0, 200)]);
    log.length = Math.min(log.length, 200);
    if (!drawing) {
      drawing = true;
      requestAnimationFrame(() => {
        drawing = false;
        rows.replaceChildren(...log.map((cells) => element('tr', {}, cells.map((cell) => element('td', {}, cell)))));
      });
    }
  };
  const open = async () => {
    if (stream) {
      stream.close();
    }
    log.length = 0;
    stream = await watch(topics.value, ['state', 'status', 'added', 'updated', 'removed', 'command', 'trigger',
      'expired', 'fired', 'installed', 'uninstalled'], take);
  };
  view.replaceChildren(element('h1', {}, t('events')), element('form', { onsubmit: (event) => {
    event.preventDefault();
    open();
  } }, topics, element('button', { type: 'submit' }, t('send'))),
  element('table', { id: 'event-log' }, element('thead', {}, element('tr', {},
    ['time', 'type', 'data'].map((key) => element('th', { scope: 'col' }, t(key))))), rows));
  open();
}

export async function rulesPage(view) {
  listen(null);
  const rules = await readFor(view, '/rules');
  if (!rules) {
    return;
  }
  view.replaceChildren(element('h1', {}, t('rules')), table('rules', ['id', 'label', 'department', 'status'],
    rules.map((rule) => [rule.id, rule.label, rule.department,
      rule.status + (rule.message ? ' — ' + rule.message : '')])));
}

/** Grants and consents; whoever may revoke one (its owner's integrators, a household's residents) can do it here. */
export async function grantsPage(view) {
  listen(null);
  const grants = await readFor(view, '/grants');
  if (!grants) {
    return;
  }
  const revoke = (grant) => {
    const mine = grant.owner.household ? (session.me.households || []).includes(grant.owner.household)
      || session.me.role === 'admin' : may('integrator');
    return mine && grant.active ? element('button', { type: 'button', class: 'revoke', onclick: async () => {
      const gone = await api('/grants/' + encodeURIComponent(grant.id), { method: 'DELETE' });
      if (gone.ok) {
        grantsPage(view);
      } else {
        view.prepend(element('p', { class: 'error', role: 'alert' }, await problem(gone)));
      }
    } }, t('revoke')) : '';
  };
  view.replaceChildren(element('h1', {}, t('grants')),
    table('grants', ['id', 'owner', 'grantee', 'purpose', 'active', ''], grants.map((grant) => [grant.id,
      grant.owner.department || '⌂ ' + grant.owner.household, grant.grantee, grant.purpose,
      grant.active ? t('yes') : t('no'), revoke(grant)])));
}

/** Devices the bindings discovered, live: approve one as a thing (with a name), ignore it, or ask for a scan. */
export async function inboxPage(view) {
  listen(null);
  const message = element('p', { id: 'inbox-result', role: 'status' });
  const list = element('div');
  const scan = async () => {
    const asked = await api('/inbox/scan', { method: 'POST' });
    message.textContent = asked.ok ? t('scanning') : t('failed') + ': ' + await problem(asked);
  };
  view.replaceChildren(element('h1', {}, t('inbox')),
    element('button', { type: 'button', id: 'scan', onclick: scan }, t('scan')), message, list);
  const act = async (entry, action, body) => {
    const done = await api('/inbox/' + encodeURIComponent(entry.thingUID) + '/' + action, json('POST', body));
    message.textContent = done.ok ? t(action === 'approve' ? 'approved' : 'ignored') + ': ' + entry.thingUID
      : t('failed') + ': ' + await problem(done);
    if (done.ok) {
      typed.delete(entry.thingUID);
    }
    await draw();
  };
  const typed = new Map();   // labels being typed, by thing UID: another discovery redraws the list meanwhile
  const row = (entry) => {
    const label = element('input', { value: typed.get(entry.thingUID) ?? entry.label, 'data-uid': entry.thingUID,
      'aria-label': t('label') + ' ' + entry.thingUID, oninput: () => typed.set(entry.thingUID, label.value) });
    return [entry.thingUID, label, Object.entries(entry.properties || {}).map(([k, v]) => k + '=' + v).join(', '),
      when(entry.discovered), entry.ignored ? t('yes') : t('no'),
      element('span', {}, element('button', { type: 'button', class: 'approve',
        onclick: () => act(entry, 'approve', { label: label.value.trim() }) }, t('approve')),
      entry.ignored ? '' : element('button', { type: 'button', class: 'ignore', onclick: () => act(entry, 'ignore', {}) },
        t('ignore')))];
  };
  const draw = async () => {
    const entries = await readFor(view, '/inbox');
    if (entries) {
      const editing = list.contains(document.activeElement) ? document.activeElement : null;
      list.replaceChildren(table('inbox', ['uid', 'label', 'properties', 'discovered', 'ignoredColumn', ''],
        entries.map(row)));
      const again = editing?.dataset.uid && [...list.querySelectorAll('input')]
        .find((input) => input.dataset.uid === editing.dataset.uid);
      if (again) {   // the person typing goes on where they were
        again.focus();
        again.setSelectionRange(editing.selectionStart, editing.selectionEnd);
      }
    }
    return Boolean(entries);
  };
  if (await draw()) {
    watch('cityhub/inbox/#', ['added', 'removed', 'updated'], () => draw());
  }
}

/** The installed bindings, the things each runs, and an update that shows how it goes until it is done. */
export async function bindingsPage(view) {
  listen(null);
  const bindings = await readFor(view, '/bindings');
  if (!bindings) {
    return;
  }
  await loadThings();
  const runs = (id) => [...things.values()].filter((thing) => thing.uid.startsWith(id + ':'));
  const progress = element('p', { id: 'binding-progress', role: 'status', 'aria-live': 'polite' });
  const update = async (binding) => {
    const begun = Date.now();
    progress.textContent = binding.id + ': ' + t('updating');
    const reply = await api('/bindings/' + encodeURIComponent(binding.id) + '/update', json('POST', {}));
    if (!reply.ok) {
      progress.textContent = binding.id + ': ' + t('failed') + ': ' + await problem(reply);
      return;
    }
    let outcome = await reply.json();
    if (reply.status === 202) {   // a slow download: follow the operation until it ends
      while (outcome.state === 'running') {
        progress.textContent = binding.id + ': ' + t('updating') + ' ' + Math.round((Date.now() - begun) / 1000) + ' s';
        await new Promise((resolve) => { setTimeout(resolve, 1000); });
        outcome = await (await api('/bindings/operations/' + encodeURIComponent(outcome.id))).json();
      }
      if (outcome.state === 'failed') {
        progress.textContent = binding.id + ': ' + t('failed') + ': ' + outcome.detail;
        return;
      }
      outcome = outcome.binding;
    }
    await bindingsPage(view);
    document.getElementById('binding-progress').textContent = binding.id + ': ' + t('updatedTo') + ' '
      + outcome.version + ', ' + outcome.thingsHandled + ' ' + t('things');
  };
  view.replaceChildren(element('h1', {}, t('bindings')), progress,
    table('bindings', ['id', 'version', 'status', 'thingsRun', ''], bindings.map((binding) => [binding.id,
      binding.version, binding.updating ? t('updating') : binding.state,
      element('details', {}, element('summary', {}, binding.thingsHandled + ' ' + t('things')
        + (binding.thingsWaiting ? ' (+' + binding.thingsWaiting + ' ' + t('waiting') + ')' : '')),
      element('ul', {}, runs(binding.id).slice(0, 200).map((thing) => element('li', {},
        element('a', { href: '#/thing/' + encodeURIComponent(thing.uid) }, thing.label))))),
      element('button', { type: 'button', class: 'update', onclick: () => update(binding) }, t('update'))])));
}
