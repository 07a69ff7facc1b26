// The operator dashboard: applications (search, create, open their portal, make access links), endpoints across
// applications (worst first), messages of any application (filter, open one: payload, destinations, attempts,
// resend), event types (create, edit, archive), inbound sources (caught requests, replay) and this node (health,
// backlog, where operational events go). The admin token is asked for once and kept in this tab's session storage,
// never in a URL.
import {Api, LinkEnded, act} from '/portal/api.js';
import {h, show, field, json, notice} from '/portal/dom.js';
import {pager} from '/portal/pager.js';
import {sourcesPage, sourcePage, capturePage} from '/dashboard/inbound.js';
import {nodePage} from '/dashboard/node.js';
import {endpointsPage} from '/dashboard/endpoints.js';
import {appSearch} from '/dashboard/apps.js';
import {messageAppsPage, messagesPage, messagePage} from '/dashboard/messages.js';

const STORE = 'herald.admin';
const main = document.getElementById('main');
const nav = document.getElementById('nav');
nav.setAttribute('aria-label', 'Dashboard');
const logout = h('button', {type: 'button'}, 'Log out');
show(nav, h('a', {href: '#/apps'}, 'Applications'), h('a', {href: '#/endpoints'}, 'Endpoints'),
  h('a', {href: '#/messages'}, 'Messages'), h('a', {href: '#/event-types'}, 'Event types'),
  h('a', {href: '#/sources'}, 'Inbound'), h('a', {href: '#/node'}, 'Node'), logout);
document.getElementById('brand').textContent = 'Herald';
document.getElementById('app-name').textContent = 'operator';
document.title = 'Herald';

function login(message) {
  try { sessionStorage.removeItem(STORE); } catch { /* nothing stored */ }
  nav.hidden = true;
  const token = h('input', {type: 'password', required: true, autocomplete: 'off'});
  const form = h('form', {class: 'card'}, h('h1', null, 'Sign in'),
    h('p', {class: 'muted'}, 'Herald printed its admin token at its first start (or see HERALD_ADMIN_TOKEN).'),
    field('Admin token', token), message ? notice(message, 'error') : null,
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, 'Sign in')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const api = new Api(token.value.trim());
    try {
      await api.get('/api/v1/app', {limit: 1});
    } catch (error) {
      return login(error instanceof LinkEnded ? 'That token is not valid.' : error.message);
    }
    try { sessionStorage.setItem(STORE, api.token); } catch { /* storage blocked: this page only */ }
    start(api);
  });
  show(main, h('section', {class: 'ended'}, form));
  token.focus();
}

async function appsPage(ctx) {
  const {search, body, more} = appSearch(ctx, app => appRow(ctx, app));
  await more.next();
  const name = h('input', {type: 'text', required: true});
  const uid = h('input', {type: 'text'});
  const result = h('div');
  const create = h('form', {class: 'inline card'}, field('Name', name), field('Uid (optional)', uid),
    h('button', {type: 'submit', class: 'primary'}, 'Create application'), result);
  create.addEventListener('submit', async event => {
    event.preventDefault();
    const made = await act(ctx, result, () => ctx.api.post('/api/v1/app', {name: name.value, uid: uid.value || null}));
    if (made) ctx.go('#/apps');
  });
  return h('section', null, h('h1', null, 'Applications'), create, field('Search', search),
    h('table', {class: 'list'}, h('thead', null, h('tr', null, h('th', null, 'Application'), h('th', null, 'Id'),
      h('th', null, 'Portal'))), body), more.button);
}

function appRow(ctx, app) {
  const link = h('div');
  const accessLink = () => act(ctx, link, () => ctx.api.post('/api/v1/auth/app-portal-access/' + app.id, {}));
  return h('tr', null,
    h('td', null, app.name, app.uid ? h('div', {class: 'muted'}, app.uid) : null),
    h('td', null, h('code', null, app.id)),
    h('td', null, h('div', {class: 'actions'},
      h('button', {type: 'button', onclick: async () => {
        const out = await accessLink();
        if (out) window.open(out.url, '_blank', 'noopener');
      }}, 'Open portal'),
      h('button', {type: 'button', onclick: async () => {
        const out = await accessLink();
        if (out) show(link, h('p', null, 'Access link (valid 7 days): '), h('code', {class: 'url'}, out.url));
      }}, 'Make access link')), link));
}

async function eventTypesPage(ctx) {
  const list = h('div');
  const more = pager(iterator => ctx.api.get('/api/v1/event-type', {limit: 50, iterator, with_content: true,
    include_archived: true}), page => {
    for (const type of page.data) list.append(eventTypeCard(ctx, type));
  });
  await more.next();
  return h('section', null, h('h1', null, 'Event types'), eventTypeForm(ctx, null), list, more.button);
}

function eventTypeForm(ctx, type) {
  const name = h('input', {type: 'text', required: true, value: type?.name ?? '', readonly: Boolean(type)});
  const description = h('input', {type: 'text', value: type?.description ?? ''});
  const schema = h('textarea', {rows: 6, class: 'code'});
  schema.value = type?.schemas?.['1'] ? JSON.stringify(type.schemas['1'], null, 2) : '';
  const result = h('div');
  const form = h('form', {class: 'card'}, h('h2', null, type ? 'Edit ' + type.name : 'New event type'),
    type ? null : field('Name', name), field('Description', description),
    field('JSON Schema (version 1, with "examples")', schema), result,
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, type ? 'Save' : 'Create event type')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    let schemas = null;
    try {
      schemas = schema.value.trim() ? {1: JSON.parse(schema.value)} : null;
    } catch (error) {
      return result.replaceChildren(notice('The schema is not valid JSON: ' + error.message, 'error'));
    }
    const body = {description: description.value, schemas};
    const saved = await act(ctx, result, () => type
      ? ctx.api.patch('/api/v1/event-type/' + encodeURIComponent(type.name), body)
      : ctx.api.post('/api/v1/event-type', {name: name.value.trim(), ...body}));
    if (saved) ctx.go('#/event-types');
  });
  return form;
}

function eventTypeCard(ctx, type) {
  const result = h('div');
  const editor = h('div');
  return h('details', {class: 'card event-type'},
    h('summary', null, h('strong', null, type.name), type.archived ? h('span', {class: 'badge off'}, 'Archived') : null,
      type.description ? h('span', {class: 'muted'}, ' — ' + type.description) : null),
    type.schemas ? json(type.schemas) : h('p', {class: 'muted'}, 'No schema.'),
    h('div', {class: 'actions'},
      h('button', {type: 'button', onclick: () => show(editor, eventTypeForm(ctx, type))}, 'Edit'),
      type.archived ? null : h('button', {type: 'button', class: 'danger', onclick: async () => {
        const done = await act(ctx, result, () => ctx.api.delete('/api/v1/event-type/' + encodeURIComponent(type.name))
          .then(() => true));
        if (done) ctx.go('#/event-types');
      }}, 'Archive')),
    result, editor);
}

const routes = [
  [/^#\/event-types$/, eventTypesPage],
  [/^#\/sources$/, sourcesPage],
  [/^#\/node$/, nodePage],
  [/^#\/endpoints$/, endpointsPage],
  [/^#\/messages$/, messageAppsPage],
  [/^#\/messages\/([^/]+)$/, messagesPage],
  [/^#\/messages\/([^/]+)\/([^/]+)$/, messagePage],
  [/^#\/source\/([^/]+)\/request\/([^/]+)$/, capturePage],
  [/^#\/source\/([^/]+)$/, sourcePage],
  [/^/, appsPage],
];

async function render(ctx) {
  const [pattern, view] = routes.find(([p]) => p.test(location.hash));
  const args = location.hash.match(pattern).slice(1).map(decodeURIComponent);
  try {
    show(main, await view(ctx, ...args));
    main.focus({preventScroll: true});
  } catch (error) {
    if (error instanceof LinkEnded) ctx.ended();
    else show(main, notice(error.message, 'error'));
  }
}

let current = null;
window.addEventListener('hashchange', () => { if (current) render(current); });
logout.addEventListener('click', () => { current = null; login(); });

function start(api) {
  nav.hidden = false;
  current = {
    api,
    go: hash => { if (location.hash === hash) render(current); else location.hash = hash; },
    ended: () => { current = null; login('The admin token was refused.'); },
  };
  render(current);
}

let saved = null;
try { saved = sessionStorage.getItem(STORE); } catch { /* storage blocked */ }
if (saved) start(new Api(saved));
else login();
