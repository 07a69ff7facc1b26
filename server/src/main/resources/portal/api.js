// The JSON API as the portal calls it: every request carries the access link's token; a 401 means the link has
// expired or was revoked, which the page shows instead of a broken screen.
import {notice} from './dom.js';

export class LinkEnded extends Error {}

export class ApiError extends Error {
  constructor(status, body) {
    super(describe(status, body));
    this.status = status;
  }
}

function describe(status, body) {
  if (Array.isArray(body?.detail)) {
    return body.detail.map(d => (d.loc ?? []).slice(1).join('.') + ': ' + d.msg).join('; ');
  }
  return body?.detail ?? 'request failed (' + status + ')';
}

export class Api {
  constructor(token) {
    this.token = token;
  }

  async call(method, path, body) {
    const headers = {Authorization: 'Bearer ' + this.token};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store', credentials: 'omit'});
    if (response.status === 401) throw new LinkEnded();
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : null;
    if (!response.ok) throw new ApiError(response.status, parsed);
    return parsed;
  }

  get(path, query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value != null && value !== '') params.set(key, value);
    }
    const suffix = params.toString();
    return this.call('GET', suffix ? path + '?' + suffix : path);
  }

  post(path, body = {}) { return this.call('POST', path, body); }
  patch(path, body) { return this.call('PATCH', path, body); }
  delete(path) { return this.call('DELETE', path); }
}

/** Runs one user action: shows `done` (or the error) in `status`; an ended link replaces the page. */
export async function act(ctx, status, action, done) {
  try {
    const result = await action();
    if (done) status.replaceChildren(notice(done));
    return result;
  } catch (error) {
    if (error instanceof LinkEnded) ctx.ended();
    else status.replaceChildren(notice(error.message, 'error'));
    return undefined;
  }
}
