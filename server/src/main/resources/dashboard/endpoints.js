// Endpoints across applications, worst first: disabled ones, then those whose last attempt failed, then by the
// share of their messages that failed in the last day. Applications are read a page at a time, so the list grows with "Load more".
import {h} from '/portal/dom.js';
import {pager} from '/portal/pager.js';

const DAY = 24 * 3600 * 1000;

export async function endpointsPage(ctx) {
  const rows = [];
  const body = h('tbody');
  const more = pager(iterator => ctx.api.get('/api/v1/app', {limit: 20, iterator}), async page => {
    for (const app of page.data) {
      const endpoints = await ctx.api.get('/api/v1/app/' + app.id + '/endpoint', {limit: 250});
      for (const endpoint of endpoints.data) rows.push(await health(ctx, app, endpoint));
    }
    rows.sort((a, b) => b.rank - a.rank);
    body.replaceChildren(...rows.map(r => r.row));
    if (!rows.length) body.append(h('tr', null, h('td', {colspan: 5, class: 'muted'}, 'No endpoints yet.')));
  });
  await more.next();
  return h('section', null, h('h1', null, 'Endpoints'),
    h('p', {class: 'muted'}, 'Disabled endpoints first, then those whose last attempt failed; failures counted over the last day.'),
    h('table', {class: 'list'}, h('thead', null, h('tr', null, h('th', null, 'Endpoint'), h('th', null, 'Application'),
      h('th', null, 'Status'), h('th', null, 'Last attempt'), h('th', null, 'Failed (1 day)'))), body), more.button);
}

async function health(ctx, app, endpoint) {
  const stats = await ctx.api.get('/api/v1/app/' + app.id + '/endpoint/' + endpoint.id + '/stats',
    {since: new Date(Date.now() - DAY).toISOString()});
  const done = stats.success + stats.fail;
  const failed = done === 0 ? 0 : stats.fail / done;
  const last = (await ctx.api.get('/api/v1/app/' + app.id + '/attempt/endpoint/' + endpoint.id,
    {limit: 1, with_content: false})).data[0];
  const lastFailed = last?.status === 2;
  const row = h('tr', {class: 'endpoint-row'},
    h('td', {class: 'url'}, endpoint.url),
    h('td', null, app.name),
    h('td', null, endpoint.disabled ? h('span', {class: 'badge off'}, 'Disabled') : h('span', {class: 'badge on'}, 'Enabled')),
    h('td', null, last ? h('span', {class: 'badge s' + last.status}, (lastFailed ? 'Failed ' : 'Succeeded ')
      + (last.responseStatusCode || '')) : '—'),
    h('td', null, done === 0 ? '—' : Math.round(100 * failed) + '% of ' + done));
  return {row, rank: (endpoint.disabled ? 4 : 0) + (lastFailed ? 2 : 0) + failed};
}
