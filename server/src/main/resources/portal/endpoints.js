// The endpoints list (status and success rate of the last 7 days) and the form that creates or edits one.
import {act} from './api.js';
import {h, field} from './dom.js';
import {pager} from './pager.js';

const WEEK = 7 * 24 * 3600 * 1000;

export async function endpointList(ctx) {
  const table = h('tbody');
  const list = h('table', {class: 'list'},
    h('thead', null, h('tr', null, h('th', null, 'Endpoint'), h('th', null, 'Status'), h('th', null, 'Success (7 days)'))),
    table);
  const more = pager(iterator => ctx.api.get(ctx.app + '/endpoint', {limit: 20, iterator}), async page => {
    for (const endpoint of page.data) table.append(await endpointRow(ctx, endpoint));
    if (!table.children.length) table.append(h('tr', null, h('td', {colspan: 3, class: 'muted'}, 'No endpoints yet.')));
  });
  await more.next();
  return h('section', null,
    h('div', {class: 'title'}, h('h1', null, 'Endpoints'),
      ctx.can('ManageEndpoint') ? h('a', {class: 'button primary', href: '#/endpoints/new'}, 'Add endpoint') : null),
    list, more.button);
}

async function endpointRow(ctx, endpoint) {
  const stats = await ctx.api.get(ctx.app + '/endpoint/' + endpoint.id + '/stats',
    {since: new Date(Date.now() - WEEK).toISOString()});
  const done = stats.success + stats.fail;
  const rate = done === 0 ? '—' : Math.round(100 * stats.success / done) + '%';
  return h('tr', null,
    h('td', null, h('a', {href: '#/endpoint/' + endpoint.id, class: 'url'}, endpoint.url),
      endpoint.description ? h('div', {class: 'muted'}, endpoint.description) : null),
    h('td', null, status(endpoint)),
    h('td', null, rate));
}

export function status(endpoint) {
  return endpoint.disabled ? h('span', {class: 'badge off'}, 'Disabled') : h('span', {class: 'badge on'}, 'Enabled');
}

/** All event types the token may see, for choosing subscriptions and example events. */
export async function catalogue(ctx) {
  const types = [];
  let iterator;
  do {
    const page = await ctx.api.get('/api/v1/event-type', {limit: 250, iterator, with_content: false});
    types.push(...page.data);
    iterator = page.done ? null : page.iterator;
  } while (iterator);
  return types;
}

export async function endpointForm(ctx, id) {
  const current = id ? await ctx.api.get(ctx.app + '/endpoint/' + id) : {};
  const types = await catalogue(ctx);
  const chosen = new Set(current.filterTypes ?? current.eventTypes ?? []);
  const url = h('input', {type: 'url', required: true, value: current.url ?? '', placeholder: 'https://'});
  const description = h('textarea', {rows: 2});
  description.value = current.description ?? '';
  const channels = h('input', {type: 'text', value: (current.channels ?? []).join(', ')});
  const rate = h('input', {type: 'number', min: 1, max: 65535, value: current.throttleRate ?? current.rateLimit ?? ''});
  const boxes = types.map(t => h('label', {class: 'check'},
    h('input', {type: 'checkbox', value: t.name, checked: chosen.has(t.name)}), ' ', t.name,
    t.description ? h('small', {class: 'muted'}, ' — ' + t.description) : null));
  const status = h('div');
  const form = h('form', {class: 'card', novalidate: false},
    field('URL', url),
    field('Description', description),
    h('fieldset', null, h('legend', null, 'Event types'),
      h('small', {class: 'muted'}, 'None chosen: the endpoint receives every event type.'),
      boxes.length ? h('div', {class: 'checks'}, boxes) : h('p', {class: 'muted'}, 'No event types defined.')),
    field('Channels', channels, 'Comma-separated; empty: every channel.'),
    field('Rate limit', rate, 'Most messages per second; empty: no limit.'),
    status,
    h('div', {class: 'actions'},
      h('button', {type: 'submit', class: 'primary'}, id ? 'Save' : 'Create'),
      h('a', {class: 'button', href: id ? '#/endpoint/' + id : '#/endpoints'}, 'Cancel')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const eventTypes = boxes.map(b => b.querySelector('input')).filter(i => i.checked).map(i => i.value);
    const channelList = channels.value.split(',').map(c => c.trim()).filter(Boolean);
    const body = {
      url: url.value.trim(),
      description: description.value,
      filterTypes: eventTypes.length ? eventTypes : null,
      channels: channelList.length ? channelList : null,
      throttleRate: rate.value ? Number(rate.value) : null,
    };
    const saved = await act(ctx, status, () => id ? ctx.api.patch(ctx.app + '/endpoint/' + id, body)
      : ctx.api.post(ctx.app + '/endpoint', body));
    if (saved) ctx.go('#/endpoint/' + saved.id);
  });
  return h('section', null, h('h1', null, id ? 'Edit endpoint' : 'Add endpoint'), form);
}
