// One endpoint: its settings, secret, custom headers, stats, manual deliveries and attempts; and one attempt.
// Each control appears only when the link's capabilities allow it.
import {act} from './api.js';
import {h, show, field, json, when, notice} from './dom.js';
import {status, catalogue} from './endpoints.js';
import {pager} from './pager.js';

const STATUS = ['Succeeded', 'Pending', 'Failed', 'Sending'];

export async function endpointPage(ctx, id) {
  const path = ctx.app + '/endpoint/' + encodeURIComponent(id);
  const endpoint = await ctx.api.get(path);
  const types = await catalogue(ctx);
  const sections = [
    overview(ctx, path, endpoint),
    await secret(ctx, path),
    await headers(ctx, path),
    await stats(ctx, path),
    ctx.can('CreateAttempts') ? deliveries(ctx, path, types) : null,
    await attempts(ctx, path, id, types),
  ];
  return h('section', null, sections);
}

function overview(ctx, path, endpoint) {
  const result = h('div');
  const manage = ctx.can('ManageEndpoint');
  return h('div', {class: 'card'},
    h('div', {class: 'title'}, h('h1', {class: 'url'}, endpoint.url), status(endpoint)),
    endpoint.description ? h('p', null, endpoint.description) : null,
    h('dl', null,
      h('dt', null, 'Event types'), h('dd', null, (endpoint.filterTypes ?? []).join(', ') || 'All'),
      h('dt', null, 'Channels'), h('dd', null, (endpoint.channels ?? []).join(', ') || 'All'),
      h('dt', null, 'Rate limit'), h('dd', null, endpoint.throttleRate ? endpoint.throttleRate + ' / s' : 'None')),
    manage ? h('div', {class: 'actions'},
      h('a', {class: 'button', href: '#/endpoint/' + endpoint.id + '/edit'}, 'Edit'),
      h('button', {type: 'button', onclick: async () => {
        const done = await act(ctx, result, () => ctx.api.patch(path, {disabled: !endpoint.disabled}));
        if (done) ctx.go('#/endpoint/' + endpoint.id);
      }}, endpoint.disabled ? 'Enable' : 'Disable'),
      h('button', {type: 'button', class: 'danger', onclick: async () => {
        if (!confirm('Delete this endpoint? It stops receiving events at once.')) return;
        const done = await act(ctx, result, () => ctx.api.delete(path).then(() => true));
        if (done) ctx.go('#/endpoints');
      }}, 'Delete')) : null,
    result);
}

async function secret(ctx, path) {
  const view = ctx.can('ViewEndpointSecret') || ctx.can('ManageEndpointSecret') || ctx.can('ManageEndpoint');
  if (!view) return null;
  const rotate = ctx.can('ManageEndpointSecret') || ctx.can('ManageEndpoint');
  const value = h('code', {id: 'secret'}, '••••••••••••••••');
  const result = h('div');
  const reveal = async () => {
    const out = await act(ctx, result, () => ctx.api.get(path + '/secret'));
    if (out) value.textContent = out.key;
  };
  return h('div', {class: 'card'}, h('h2', null, 'Signing secret'),
    h('p', {class: 'muted'}, 'Use it to check that the events you receive come from us.'),
    h('p', null, value),
    h('div', {class: 'actions'},
      h('button', {type: 'button', onclick: reveal}, 'Reveal'),
      rotate ? h('button', {type: 'button', onclick: async () => {
        if (!confirm('Rotate the secret? Events are signed with the new one from now on.')) return;
        const done = await act(ctx, result, () => ctx.api.post(path + '/secret/rotate', {}).then(() => true),
          'Secret rotated.');
        if (done) await reveal();
      }}, 'Rotate') : null),
    result);
}

async function headers(ctx, path) {
  const current = await ctx.api.get(path + '/headers');
  const rows = Object.entries(current.headers).map(([name, value]) => h('tr', null, h('td', null, name), h('td', null, value)));
  for (const name of current.sensitive ?? []) rows.push(h('tr', null, h('td', null, name), h('td', {class: 'muted'}, 'hidden')));
  const card = h('div', {class: 'card'}, h('h2', null, 'Custom headers'),
    rows.length ? h('table', {class: 'list'}, h('tbody', null, rows)) : h('p', {class: 'muted'}, 'None.'));
  if (ctx.can('ManageEndpoint')) {
    const name = h('input', {type: 'text', required: true});
    const value = h('input', {type: 'text'});
    const result = h('div');
    const form = h('form', {class: 'inline'}, field('Header', name), field('Value (empty removes it)', value),
      h('button', {type: 'submit'}, 'Set header'), result);
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const done = await act(ctx, result, () => ctx.api.patch(path + '/headers',
        {headers: {[name.value.trim()]: value.value === '' ? null : value.value}}).then(() => true));
      if (done) ctx.go(location.hash);
    });
    card.append(form);
  }
  return card;
}

async function stats(ctx, path) {
  const counts = await ctx.api.get(path + '/stats');
  return h('div', {class: 'card'}, h('h2', null, 'Messages by status'),
    h('dl', {class: 'stats'},
      ['success', 'pending', 'sending', 'fail'].map(k => [h('dt', null, k), h('dd', null, counts[k])])));
}

function deliveries(ctx, path, types) {
  const result = h('div', {'aria-live': 'polite'});
  const exampleType = h('select', null, h('option', {value: 'svix.ping'}, 'svix.ping (a test ping)'),
    types.map(t => h('option', {value: t.name}, t.name)));
  const since = h('input', {type: 'datetime-local', required: true});
  const send = h('form', {class: 'inline'}, field('Event type', exampleType),
    h('button', {type: 'submit'}, 'Send example'));
  send.addEventListener('submit', async event => {
    event.preventDefault();
    const message = await act(ctx, result, () => ctx.api.post(path + '/send-example', {eventType: exampleType.value}));
    if (message) {
      result.replaceChildren(notice('Example sent.'));
      ctx.go(location.hash);
    }
  });
  const recovery = h('form', {class: 'inline'}, field('Since', since),
    h('button', {type: 'submit', value: 'recover'}, 'Recover failed'),
    h('button', {type: 'submit', value: 'replay-missing'}, 'Replay missing'));
  recovery.addEventListener('submit', event => {
    event.preventDefault();
    const what = event.submitter?.value ?? 'recover';
    act(ctx, result, () => ctx.api.post(path + '/' + what, {since: new Date(since.value).toISOString()}),
      what === 'recover' ? 'Recovering failed messages.' : 'Replaying missing messages.');
  });
  return h('div', {class: 'card'}, h('h2', null, 'Send'), send, recovery, result);
}

async function attempts(ctx, path, id, types) {
  const statusFilter = h('select', null, h('option', {value: ''}, 'Any'),
    STATUS.map((label, code) => h('option', {value: code}, label)));
  const typeFilter = h('select', null, h('option', {value: ''}, 'Any'), types.map(t => h('option', {value: t.name}, t.name)));
  const after = h('input', {type: 'datetime-local'});
  const body = h('tbody');
  const holder = h('div');
  const load = async () => {
    body.replaceChildren();
    const list = pager(iterator => ctx.api.get(ctx.app + '/attempt/endpoint/' + encodeURIComponent(id), {
      limit: 20, iterator, with_msg: true, status: statusFilter.value, event_types: typeFilter.value,
      after: after.value ? new Date(after.value).toISOString() : '',
    }), page => {
      for (const attempt of page.data) body.append(attemptRow(ctx, id, attempt));
      if (!body.children.length) body.append(h('tr', null, h('td', {colspan: 4, class: 'muted'}, 'No attempts.')));
    });
    await list.next();
    show(holder, list.button);
  };
  const filters = h('form', {class: 'inline'}, field('Status', statusFilter), field('Event type', typeFilter),
    field('After', after), h('button', {type: 'submit'}, 'Filter'));
  filters.addEventListener('submit', event => { event.preventDefault(); load(); });
  await load();
  return h('div', {class: 'card'}, h('h2', null, 'Attempts'), filters,
    h('table', {class: 'list attempts'}, h('thead', null, h('tr', null, h('th', null, 'When'), h('th', null, 'Status'),
      h('th', null, 'Event type'), h('th', null, 'Response'))), body), holder);
}

function attemptRow(ctx, endpointId, attempt) {
  return h('tr', {class: 'attempt', 'data-status': attempt.status},
    h('td', null, h('a', {href: '#/endpoint/' + endpointId + '/attempt/' + attempt.msgId + '/' + attempt.id}, when(attempt.timestamp))),
    h('td', null, h('span', {class: 'badge s' + attempt.status}, STATUS[attempt.status] ?? attempt.statusText)),
    h('td', null, attempt.msg?.eventType ?? ''),
    h('td', null, attempt.responseStatusCode || '—'));
}

export async function attemptPage(ctx, endpointId, msgId, attemptId) {
  const attempt = await ctx.api.get(ctx.app + '/msg/' + encodeURIComponent(msgId) + '/attempt/' + encodeURIComponent(attemptId));
  const message = await ctx.api.get(ctx.app + '/msg/' + encodeURIComponent(msgId));
  const result = h('div');
  return h('section', null,
    h('p', null, h('a', {href: '#/endpoint/' + endpointId}, '← Back to the endpoint')),
    h('div', {class: 'card'}, h('h1', null, 'Attempt'),
      h('dl', null,
        h('dt', null, 'When'), h('dd', null, when(attempt.timestamp)),
        h('dt', null, 'Status'), h('dd', null, h('span', {class: 'badge s' + attempt.status}, STATUS[attempt.status])),
        h('dt', null, 'Response code'), h('dd', {id: 'response-code'}, attempt.responseStatusCode || 'no response'),
        h('dt', null, 'Duration'), h('dd', null, attempt.responseDurationMs + ' ms'),
        h('dt', null, 'Event type'), h('dd', null, message.eventType),
        h('dt', null, 'Message'), h('dd', null, message.id)),
      ctx.can('CreateAttempts') ? h('div', {class: 'actions'}, h('button', {type: 'button', onclick: () => act(ctx, result,
        () => ctx.api.post(ctx.app + '/msg/' + encodeURIComponent(msgId) + '/endpoint/' + encodeURIComponent(endpointId)
          + '/resend', {}), 'Resent: a new attempt is on its way.')}, 'Resend')) : null,
      result),
    h('div', {class: 'card'}, h('h2', null, 'Payload'), json(message.payload)),
    h('div', {class: 'card'}, h('h2', null, 'Response body'), json(attempt.response ?? '')));
}
