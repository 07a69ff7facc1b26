// Builds DOM nodes. Every string becomes a text node or an attribute value, never HTML: the names, descriptions,
// payloads and response bodies shown here are chosen by tenants and their endpoints.

/** h('button', {class: 'primary', onclick: fn}, 'Save') -> <button class="primary">Save</button> */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child != null && child !== false) el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Replaces the content of `el` with the given nodes. */
export function show(el, ...nodes) {
  el.replaceChildren(...nodes.flat(Infinity).filter(n => n != null && n !== false));
  return el;
}

/** A labelled form field; `input` is the control. */
export function field(label, input, hint) {
  const id = input.id || (input.id = 'f-' + Math.random().toString(36).slice(2));
  return h('div', {class: 'field'}, h('label', {for: id}, label), input, hint ? h('small', {class: 'muted'}, hint) : null);
}

/** JSON pretty-printed into a <pre>, as text. */
export function json(value) {
  let text = value;
  if (typeof value !== 'string') text = JSON.stringify(value, null, 2);
  else {
    try { text = JSON.stringify(JSON.parse(value), null, 2); } catch { /* not JSON: shown as it came */ }
  }
  return h('pre', {class: 'code', tabindex: 0}, text ?? '');
}

export function when(date) {
  return date ? new Date(date).toLocaleString() : '—';
}

/** A status line for the result of an action, read out by screen readers. */
export function notice(text, kind = 'ok') {
  return h('p', {class: 'notice ' + kind, role: kind === 'error' ? 'alert' : 'status'}, text);
}
