// This node: whether its store and dispatcher are up, its delivery backlog (from /metrics), and where operational
// events go (the reserved application herald-operational, whose portal shows them).
import {act} from '/portal/api.js';
import {h, notice} from '/portal/dom.js';

const BACKLOG = {
  herald_delivery_due: 'Deliveries due now',
  herald_delivery_oldest_due_seconds: 'Oldest due delivery waiting (seconds)',
  herald_delivery_held: 'Deliveries held in memory',
  herald_delivery_endpoints_active: 'Endpoints with deliveries in flight',
  herald_delivery_endpoints_saturated: 'Endpoints at their concurrency limit',
};

export async function nodePage(ctx) {
  const health = await fetch('/api/v1/health', {cache: 'no-store'});
  const result = h('div');
  return h('section', null, h('h1', null, 'This node'),
    h('div', {class: 'card'}, h('h2', null, 'Health'),
      health.ok ? notice('Up: the store and the dispatcher are running.')
        : notice('Down: ' + await health.text(), 'error')),
    h('div', {class: 'card'}, h('h2', null, 'Backlog'), await backlog()),
    h('div', {class: 'card'}, h('h2', null, 'Operational events'),
      h('p', null, 'Herald reports endpoint changes, disabled endpoints and failing deliveries to the operational ' +
        'webhook endpoints, which are the endpoints of the reserved application herald-operational. Its portal ' +
        'shows them with their attempts, and adds more.'),
      h('div', {class: 'actions'}, h('button', {type: 'button', onclick: async () => {
        const link = await act(ctx, result, () => ctx.api.post('/api/v1/auth/app-portal-access/herald-operational',
          {application: {name: 'Herald operational events', uid: 'herald-operational'}}));
        if (link) window.open(link.url, '_blank', 'noopener');
      }}, 'Open its portal')), result));
}

async function backlog() {
  const answer = await fetch('/metrics', {cache: 'no-store'});
  if (!answer.ok) return h('p', {class: 'muted'}, 'Metrics are behind HERALD_METRICS_TOKEN; read them from /metrics.');
  const values = new Map();
  for (const line of (await answer.text()).split('\n')) {
    const [name, value] = line.split(/\s+/);
    if (name in BACKLOG) values.set(name, value);
  }
  return h('dl', null, Object.entries(BACKLOG).map(([name, label]) =>
    [h('dt', null, label), h('dd', {'data-metric': name}, values.get(name) ?? '—')]));
}
