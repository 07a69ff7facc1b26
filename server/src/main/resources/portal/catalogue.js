// The event catalogue (each type's description, JSON Schema and example) and the application's messages.
import {h, show, field, json, when} from './dom.js';
import {catalogue} from './endpoints.js';
import {pager} from './pager.js';

export async function cataloguePage(ctx) {
  const list = h('div');
  const more = pager(iterator => ctx.api.get('/api/v1/event-type', {limit: 50, iterator, with_content: true}), page => {
    for (const type of page.data) list.append(eventType(type));
    if (!list.children.length) list.append(h('p', {class: 'muted'}, 'No event types yet.'));
  });
  await more.next();
  return h('section', null, h('h1', null, 'Event catalogue'), list, more.button);
}

function eventType(type) {
  const schema = newestSchema(type.schemas);
  const example = schema?.examples?.[0];
  return h('details', {class: 'card'},
    h('summary', null, h('strong', null, type.name), type.deprecated ? h('span', {class: 'badge off'}, 'Deprecated') : null,
      type.description ? h('span', {class: 'muted'}, ' — ' + type.description) : null),
    schema ? [h('h3', null, 'Schema'), json(schema)] : h('p', {class: 'muted'}, 'No schema.'),
    example !== undefined ? [h('h3', null, 'Example'), json(example)] : null);
}

function newestSchema(schemas) {
  const versions = Object.keys(schemas ?? {}).sort((a, b) => Number(b) - Number(a));
  return versions.length ? schemas[versions[0]] : null;
}

export async function messagesPage(ctx) {
  const types = await catalogue(ctx);
  const typeFilter = h('select', null, h('option', {value: ''}, 'Any'), types.map(t => h('option', {value: t.name}, t.name)));
  const channel = h('input', {type: 'text'});
  const tag = h('input', {type: 'text'});
  const after = h('input', {type: 'datetime-local'});
  const before = h('input', {type: 'datetime-local'});
  const list = h('div');
  const holder = h('div');
  const iso = input => input.value ? new Date(input.value).toISOString() : '';
  const load = async () => {
    list.replaceChildren();
    const more = pager(iterator => ctx.api.get(ctx.app + '/msg', {limit: 20, iterator, event_types: typeFilter.value,
      channel: channel.value.trim(), tag: tag.value.trim(), after: iso(after), before: iso(before)}), page => {
      for (const message of page.data) list.append(messageItem(message));
      if (!list.children.length) list.append(h('p', {class: 'muted'}, 'No messages.'));
    });
    await more.next();
    show(holder, more.button);
  };
  const filters = h('form', {class: 'inline'}, field('Event type', typeFilter), field('Channel', channel),
    field('Tag', tag), field('After', after), field('Before', before), h('button', {type: 'submit'}, 'Search'));
  filters.addEventListener('submit', event => { event.preventDefault(); load(); });
  await load();
  return h('section', null, h('h1', null, 'Messages'), filters, list, holder);
}

function messageItem(message) {
  return h('details', {class: 'card message'},
    h('summary', null, h('strong', null, message.eventType), ' ', h('span', {class: 'muted'}, when(message.timestamp)),
      (message.channels ?? []).length ? h('span', {class: 'muted'}, ' · ' + message.channels.join(', ')) : null),
    h('p', {class: 'muted'}, message.id),
    json(message.payload));
}
