// The applications, a page at a time, as table rows a search box narrows by name, uid or id as the operator types.
import {h} from '/portal/dom.js';
import {pager} from '/portal/pager.js';

/** `rowOf(app)` makes one application's <tr>; answers the search box, the <tbody> and the pager. */
export function appSearch(ctx, rowOf) {
  const search = h('input', {type: 'search', placeholder: 'name, uid or id'});
  const body = h('tbody');
  const more = pager(iterator => ctx.api.get('/api/v1/app', {limit: 50, iterator}), page => {
    for (const app of page.data) {
      const row = rowOf(app);
      row.dataset.search = [app.name, app.uid ?? '', app.id].join(' ').toLowerCase();
      body.append(row);
    }
    filter();
  });
  function filter() {
    const term = search.value.trim().toLowerCase();
    for (const row of body.children) row.hidden = term !== '' && !row.dataset.search.includes(term);
  }
  search.addEventListener('input', filter);
  return {search, body, more};
}
