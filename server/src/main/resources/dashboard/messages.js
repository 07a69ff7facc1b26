// Messages and attempts of any application: pick the application, page through its messages newest first (Next and
// Previous follow Svix's iterators), filter them, and open one: its payload, its destinations and every attempt to
// them, with a resend per destination.
import {act} from '/portal/api.js';
import {h, field, json, when} from '/portal/dom.js';
import {pager} from '/portal/pager.js';
import {appSearch} from '/dashboard/apps.js';

const STATUS = ['Succeeded', 'Pending', 'Failed', 'Sending'];
const PAGE = 20;

function appPath(app) {
  return '/api/v1/app/' + encodeURIComponent(app);
}

export async function messageAppsPage(ctx) {
  const {search, body, more} = appSearch(ctx, app => h('tr', null,
    h('td', null, h('a', {href: '#/messages/' + encodeURIComponent(app.id)}, app.name),
      app.uid ? h('div', {class: 'muted'}, app.uid) : null),
    h('td', null, h('code', {class: 'url'}, app.id))));
  await more.next();
  return h('section', null, h('h1', null, 'Messages'), h('p', {class: 'muted'}, 'Pick an application.'),
    field('Search applications', search),
    h('table', {class: 'list'}, h('thead', null, h('tr', null, h('th', null, 'Application'), h('th', null, 'Id'))), body),
    more.button);
}

export async function messagesPage(ctx, appId) {
  const app = await ctx.api.get(appPath(appId));
  const types = await ctx.api.get('/api/v1/event-type', {limit: 250});
  const typeFilter = h('select', null, h('option', {value: ''}, 'Any'),
    types.data.map(t => h('option', {value: t.name}, t.name)));
  const channel = h('input', {type: 'text'});
  const tag = h('input', {type: 'text'});
  const after = h('input', {type: 'datetime-local'});
  const before = h('input', {type: 'datetime-local'});
  const iso = input => input.value ? new Date(input.value).toISOString() : '';
  const body = h('tbody');
  const previous = h('button', {type: 'button'}, 'Previous');
  const next = h('button', {type: 'button'}, 'Next');
  const position = h('span', {class: 'muted', role: 'status'});
  // The iterators of the pages before the one shown, and the one shown: Previous goes back along them.
  let behind = [];
  let shown = null;
  let following = null;
  async function load(iterator) {
    const page = await ctx.api.get(appPath(appId) + '/msg', {limit: PAGE, iterator, event_types: typeFilter.value,
      channel: channel.value.trim(), tag: tag.value.trim(), after: iso(after), before: iso(before)});
    shown = iterator;
    following = page.done ? null : page.iterator;
    body.replaceChildren(...page.data.map(message => messageRow(appId, message)));
    if (!page.data.length) body.append(h('tr', null, h('td', {colspan: 3, class: 'muted'}, 'No messages.')));
    previous.disabled = behind.length === 0;
    next.disabled = following == null;
    position.textContent = 'Page ' + (behind.length + 1);
  }
  const result = h('div');
  const turn = iterator => act(ctx, result, () => load(iterator));
  // A button that ends up disabled on the new page hands the keyboard focus to the other one.
  const turnFrom = async (button, other, iterator) => {
    await turn(iterator);
    if (button.disabled && !other.disabled) other.focus();
  };
  previous.addEventListener('click', () => turnFrom(previous, next, behind.pop()));
  next.addEventListener('click', () => { behind.push(shown); turnFrom(next, previous, following); });
  const filters = h('form', {class: 'inline'}, field('Event type', typeFilter), field('Channel', channel),
    field('Tag', tag), field('After', after), field('Before', before), h('button', {type: 'submit'}, 'Search'));
  filters.addEventListener('submit', event => {
    event.preventDefault();
    behind = [];
    turn(undefined);
  });
  await load(undefined);
  return h('section', null, h('p', null, h('a', {href: '#/messages'}, '← Applications')),
    h('h1', null, 'Messages of ' + app.name), filters,
    h('table', {class: 'list'}, h('thead', null, h('tr', null, h('th', null, 'Message'), h('th', null, 'Event type'),
      h('th', null, 'Channels'))), body),
    h('div', {class: 'actions'}, previous, position, next), result);
}

function messageRow(appId, message) {
  return h('tr', {class: 'message'},
    h('td', null, h('a', {href: '#/messages/' + encodeURIComponent(appId) + '/' + encodeURIComponent(message.id)},
      when(message.timestamp)), h('div', null, h('code', {class: 'url'}, message.id))),
    h('td', null, message.eventType),
    h('td', null, (message.channels ?? []).join(', ')));
}

export async function messagePage(ctx, appId, msgId) {
  const path = appPath(appId) + '/msg/' + encodeURIComponent(msgId);
  const message = await ctx.api.get(path);
  const destinations = h('tbody');
  const destinationPages = pager(iterator => ctx.api.get(path + '/endpoint', {limit: 50, iterator}), page => {
    for (const endpoint of page.data) destinations.append(destinationRow(ctx, path, endpoint));
    if (!destinations.children.length) {
      destinations.append(h('tr', null, h('td', {colspan: 3, class: 'muted'}, 'No destinations.')));
    }
  });
  const attempts = h('div');
  const attemptPages = pager(iterator => ctx.api.get(appPath(appId) + '/attempt/msg/' + encodeURIComponent(msgId),
    {limit: 20, iterator}), page => {
    for (const attempt of page.data) attempts.append(attemptCard(attempt));
    if (!attempts.children.length) attempts.append(h('p', {class: 'muted'}, 'No attempts yet.'));
  });
  await destinationPages.next();
  await attemptPages.next();
  return h('section', null,
    h('p', null, h('a', {href: '#/messages/' + encodeURIComponent(appId)}, '← Messages')),
    h('div', {class: 'card'}, h('h1', null, message.eventType),
      h('dl', null,
        h('dt', null, 'Message'), h('dd', null, h('code', {class: 'url'}, message.id)),
        h('dt', null, 'Uid'), h('dd', null, message.eventId ?? '—'),
        h('dt', null, 'Created'), h('dd', null, when(message.timestamp)),
        h('dt', null, 'Channels'), h('dd', null, (message.channels ?? []).join(', ') || '—'),
        h('dt', null, 'Tags'), h('dd', null, (message.tags ?? []).join(', ') || '—'))),
    h('div', {class: 'card'}, h('h2', null, 'Payload'), Object.assign(json(message.payload), {id: 'payload'})),
    h('div', {class: 'card'}, h('h2', null, 'Destinations'),
      h('table', {class: 'list'}, h('thead', null, h('tr', null, h('th', null, 'Endpoint'), h('th', null, 'Status'),
        h('th', null, 'Resend'))), destinations), destinationPages.button),
    h('div', {class: 'card'}, h('h2', null, 'Attempts'), attempts, attemptPages.button));
}

function destinationRow(ctx, path, endpoint) {
  const result = h('div');
  return h('tr', {class: 'destination'},
    h('td', {class: 'url'}, endpoint.url, endpoint.description ? h('div', {class: 'muted'}, endpoint.description) : null),
    h('td', null, h('span', {class: 'badge s' + endpoint.status}, STATUS[endpoint.status] ?? endpoint.statusText),
      endpoint.nextAttempt ? h('div', {class: 'muted'}, 'Next try ' + when(endpoint.nextAttempt)) : null),
    h('td', null, h('button', {type: 'button', 'aria-label': 'Resend to ' + endpoint.url, onclick: () => act(ctx, result,
      () => ctx.api.post(path + '/endpoint/' + encodeURIComponent(endpoint.id) + '/resend', {}),
      'Resent: a new attempt is on its way.')}, 'Resend'), result));
}

function attemptCard(attempt) {
  return h('details', {class: 'card attempt', 'data-status': attempt.status},
    h('summary', null, h('span', {class: 'badge s' + attempt.status}, STATUS[attempt.status] ?? attempt.statusText),
      ' ', h('span', {class: 'response-code'}, attempt.responseStatusCode || 'no response'),
      ' · ', attempt.responseDurationMs + ' ms · ', when(attempt.timestamp)),
    h('dl', null,
      h('dt', null, 'Endpoint'), h('dd', {class: 'url'}, attempt.url),
      h('dt', null, 'Response code'), h('dd', null, attempt.responseStatusCode || 'no response'),
      h('dt', null, 'Duration'), h('dd', null, attempt.responseDurationMs + ' ms'),
      h('dt', null, 'Trigger'), h('dd', null, attempt.triggerType === 1 ? 'Manual' : 'Scheduled')),
    h('h3', null, 'Response body'), h('pre', {class: 'code', tabindex: 0}, attempt.response ?? ''));
}
