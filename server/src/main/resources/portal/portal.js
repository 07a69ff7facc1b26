// The app portal: one application's endpoints, messages and event catalogue for whoever holds its access link.
// The link's fragment carries the token (key=...) and optional theme (name, logo, primaryColor, theme=light|dark);
// both move into this tab's session storage and the fragment is cleared, so the token never sits in the address bar
// or the history. After that the fragment names the page shown (#/endpoints, #/endpoint/ep_..., ...).
import {Api, LinkEnded} from './api.js';
import {h, show, notice} from './dom.js';
import {endpointList, endpointForm} from './endpoints.js';
import {endpointPage, attemptPage} from './endpoint.js';
import {cataloguePage, messagesPage} from './catalogue.js';

const STORE = 'herald.portal';
const main = document.getElementById('main');

function readLink() {
  const fromUrl = new URLSearchParams(location.search);
  const fragment = location.hash.startsWith('#/') ? new URLSearchParams() : new URLSearchParams(location.hash.slice(1));
  let saved = {};
  try { saved = JSON.parse(sessionStorage.getItem(STORE) ?? '{}'); } catch { /* storage blocked: memory only */ }
  const link = {...saved};
  for (const params of [fromUrl, fragment]) {
    for (const name of ['key', 'name', 'logo', 'primaryColor', 'theme']) {
      if (params.has(name)) link[name] = params.get(name);
    }
  }
  if (fragment.has('key')) {
    try { sessionStorage.setItem(STORE, JSON.stringify(link)); } catch { /* storage blocked: memory only */ }
    history.replaceState(null, '', location.pathname + location.search + '#/endpoints');
  }
  return link;
}

function header(api) {
  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', 'Portal');
  const signOut = h('button', {type: 'button'}, 'Sign out');
  signOut.addEventListener('click', async () => {
    try { await api.post('/api/v1/auth/logout'); } catch { /* ended already: signed out all the same */ }
    ended('You are signed out', 'This link no longer works. To come back, open the webhooks page again from ' +
      'the service that sent you here.');
  });
  show(nav, h('a', {href: '#/endpoints'}, 'Endpoints'), h('a', {href: '#/catalogue'}, 'Event catalogue'),
    h('a', {href: '#/messages'}, 'Messages'), signOut);
}

function applyTheme(link) {
  const root = document.documentElement;
  root.dataset.theme = link.theme === 'dark' ? 'dark' : 'light';
  if (/^#[0-9a-fA-F]{3,8}$/.test(link.primaryColor ?? '')) {
    root.style.setProperty('--primary', link.primaryColor);
    keepLegible(root, link.primaryColor);
  }
  if (link.name) {
    document.getElementById('brand').textContent = link.name;
    document.title = link.name + ' webhooks';
  }
  if (/^(https:\/\/|data:image\/)/.test(link.logo ?? '')) {
    const logo = document.getElementById('logo');
    logo.src = link.logo;
    logo.hidden = false;
  }
}

// The primary colour is the colour of links on a light page and the background of buttons' white text. A producer's
// light colour would leave both unreadable, so then links take a shade of it dark enough for 4.5:1 and buttons get
// black text (WCAG AA contrast).
function keepLegible(root, color) {
  const hex = color.length <= 5 ? [...color.slice(1, 4)].map(c => c + c).join('') : color.slice(1, 7);
  const linear = at => {
    const c = parseInt(hex.slice(at, at + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * linear(0) + 0.7152 * linear(2) + 0.0722 * linear(4);
  if (luminance > 0.18) root.style.setProperty('--on-primary', '#000');
  if (luminance > 0.15) {
    const share = Math.floor(100 * (0.15 / luminance) ** (1 / 2.2));
    root.style.setProperty('--link', `color-mix(in srgb, ${color} ${share}%, black)`);
  }
}

function ended(title = 'This link has expired or was revoked', text = 'For your security, access links to this ' +
  'page stop working after a while or when they are withdrawn. Go back to the service that sent you here and open ' +
  'the webhooks page again to get a new link.') {
  try { sessionStorage.removeItem(STORE); } catch { /* nothing stored */ }
  document.getElementById('nav').hidden = true;
  show(main, h('section', {class: 'ended', role: 'alert'}, h('h1', null, title), h('p', null, text)));
}

function noLink() {
  ended('An access link is needed',
    'Open this page through the link the service you use gives you for managing your webhooks.');
}

const routes = [
  [/^#\/endpoints\/new$/, ctx => endpointForm(ctx, null)],
  [/^#\/endpoint\/([^/]+)\/edit$/, (ctx, id) => endpointForm(ctx, id)],
  [/^#\/endpoint\/([^/]+)\/attempt\/([^/]+)\/([^/]+)$/, (ctx, ep, msg, attempt) => attemptPage(ctx, ep, msg, attempt)],
  [/^#\/endpoint\/([^/]+)$/, (ctx, id) => endpointPage(ctx, id)],
  [/^#\/catalogue$/, ctx => cataloguePage(ctx)],
  [/^#\/messages$/, ctx => messagesPage(ctx)],
  [/^/, ctx => endpointList(ctx)],
];

async function render(ctx) {
  const [pattern, view] = routes.find(([p]) => p.test(location.hash));
  const args = location.hash.match(pattern).slice(1).map(decodeURIComponent);
  for (const link of document.querySelectorAll('#nav a')) {
    link.toggleAttribute('aria-current', location.hash.startsWith(link.getAttribute('href').replace(/s$/, '')));
  }
  try {
    show(main, await view(ctx, ...args));
    main.focus({preventScroll: true});
  } catch (error) {
    if (error instanceof LinkEnded) ended();
    else show(main, notice(error.message, 'error'));
  }
}

async function start() {
  const link = readLink();
  document.getElementById('brand').textContent = 'Webhooks';
  applyTheme(link);
  if (!link.key) return noLink();
  const api = new Api(link.key);
  header(api);
  let session;
  try {
    session = await api.get('/api/v1/auth/app-portal-session');
  } catch (error) {
    if (error instanceof LinkEnded) return ended();
    return show(main, notice(error.message, 'error'));
  }
  document.getElementById('app-name').textContent = session.appName;
  document.getElementById('nav').hidden = false;
  const can = new Set(session.capabilities);
  const ctx = {
    api,
    app: '/api/v1/app/' + encodeURIComponent(session.appId),
    can: name => can.has(name),
    go: hash => { if (location.hash === hash) render(ctx); else location.hash = hash; },
    ended: () => ended(),
  };
  window.addEventListener('hashchange', () => render(ctx));
  render(ctx);
}

start();
