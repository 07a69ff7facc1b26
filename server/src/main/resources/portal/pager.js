// Lists page by iterator: each "Load more" asks for the next page after the last one, so a list of 100,000 items
// opens as fast as one of ten.
import {h} from './dom.js';

/** `fetchPage(iterator)` returns a Svix page; `render(page)` appends its items. */
export function pager(fetchPage, render) {
  let iterator = null;
  const button = h('button', {type: 'button', class: 'more', hidden: true}, 'Load more');
  async function next() {
    const page = await fetchPage(iterator ?? undefined);
    iterator = page.iterator;
    button.hidden = page.done;
    await render(page);
  }
  button.addEventListener('click', () => next().catch(error => button.replaceWith(String(error.message))));
  return {button, next};
}
