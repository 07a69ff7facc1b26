// Inbound sources: their ingest URLs, the requests caught there (bytes exactly as received: text when they are
// UTF-8, else a hex dump) and replaying one to the source's endpoints.
import {act} from '/portal/api.js';
import {h, when} from '/portal/dom.js';
import {pager} from '/portal/pager.js';

const SOURCES = '/ingest/api/v1/source';

export async function sourcesPage(ctx) {
  const body = h('tbody');
  const more = pager(iterator => ctx.api.get(SOURCES, {limit: 50, iterator}), page => {
    for (const source of page.data) {
      body.append(h('tr', null,
        h('td', null, h('a', {href: '#/source/' + source.id}, source.name), h('div', {class: 'muted'}, source.type)),
        h('td', null, h('code', {class: 'url'}, source.ingestUrl))));
    }
    if (!body.children.length) body.append(h('tr', null, h('td', {colspan: 2, class: 'muted'}, 'No sources yet.')));
  });
  await more.next();
  return h('section', null, h('h1', null, 'Inbound sources'),
    h('table', {class: 'list'}, h('thead', null, h('tr', null, h('th', null, 'Source'), h('th', null, 'Ingest URL'))), body),
    more.button);
}

export async function sourcePage(ctx, id) {
  const path = SOURCES + '/' + encodeURIComponent(id);
  const source = await ctx.api.get(path);
  const body = h('tbody');
  const more = pager(iterator => ctx.api.get(path + '/request', {limit: 50, iterator}), page => {
    for (const request of page.data) {
      body.append(h('tr', {class: 'capture'},
        h('td', null, h('a', {href: '#/source/' + id + '/request/' + request.id}, when(request.receivedAt))),
        h('td', null, request.method + ' ' + request.path),
        h('td', null, request.status),
        h('td', null, request.bodySize + ' bytes')));
    }
    if (!body.children.length) body.append(h('tr', null, h('td', {colspan: 4, class: 'muted'}, 'Nothing caught yet.')));
  });
  await more.next();
  return h('section', null, h('p', null, h('a', {href: '#/sources'}, '← Sources')),
    h('h1', null, source.name), h('p', null, 'Ingest URL: ', h('code', {class: 'url'}, source.ingestUrl)),
    h('table', {class: 'list'}, h('thead', null, h('tr', null, h('th', null, 'Received'), h('th', null, 'Request'),
      h('th', null, 'Status'), h('th', null, 'Body'))), body), more.button);
}

export async function capturePage(ctx, sourceId, requestId) {
  const path = SOURCES + '/' + encodeURIComponent(sourceId) + '/request/' + encodeURIComponent(requestId);
  const request = await ctx.api.get(path);
  const result = h('div');
  const bytes = Uint8Array.from(atob(request.body ?? ''), c => c.charCodeAt(0));
  return h('section', null, h('p', null, h('a', {href: '#/source/' + sourceId}, '← Requests')),
    h('div', {class: 'card'}, h('h1', null, request.method + ' ' + request.path + (request.query ? '?' + request.query : '')),
      h('dl', null,
        h('dt', null, 'Received'), h('dd', null, when(request.receivedAt)),
        h('dt', null, 'Status'), h('dd', null, request.status + (request.failureReason ? ': ' + request.failureReason : '')),
        h('dt', null, 'From'), h('dd', null, request.remoteAddress),
        h('dt', null, 'Message'), h('dd', null, request.msgId ?? '—')),
      h('div', {class: 'actions'}, h('button', {type: 'button', onclick: () => act(ctx, result,
        () => ctx.api.post(path + '/replay', {}), 'Replayed to the source\'s endpoints.')}, 'Replay')),
      result),
    h('div', {class: 'card'}, h('h2', null, 'Headers'),
      h('table', {class: 'list'}, h('tbody', null, request.headers.map(([name, value]) =>
        h('tr', null, h('td', null, name), h('td', null, value)))))),
    h('div', {class: 'card'}, h('h2', null, 'Body (' + request.bodySize + ' bytes' +
      (request.bodyTruncated ? ', truncated' : '') + ')'), bodyView(bytes)));
}

function bodyView(bytes) {
  try {
    return h('pre', {class: 'code', id: 'body-text', tabindex: 0}, new TextDecoder('utf-8', {fatal: true}).decode(bytes));
  } catch {
    return h('pre', {class: 'code', id: 'body-hex', tabindex: 0}, hexDump(bytes));
  }
}

/** Sixteen bytes a line: offset, hex, and the printable ASCII characters. */
function hexDump(bytes) {
  const lines = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const row = Array.from(bytes.subarray(offset, offset + 16));
    const hex = row.map(b => b.toString(16).padStart(2, '0')).join(' ').padEnd(47);
    const text = row.map(b => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
    lines.push(offset.toString(16).padStart(8, '0') + '  ' + hex + '  ' + text);
  }
  return lines.join('\n');
}
