// The /api/v1 client: Bearer token, JSON in and out, errors as ApiError with the server's code and field reasons.

const TOKEN_KEY = 'omnichat.admin.token';

export class ApiError extends Error {
  constructor(status, code, message, fields, retryAfter) {
    super(message || 'Request failed');
    this.status = status;
    this.code = code;
    this.fields = fields || {};
    this.retryAfter = retryAfter;
  }
}

export class Api {
  constructor() {
    this.token = localStorage.getItem(TOKEN_KEY);
    this.onUnauthorized = () => {};
  }

  /** Seconds since the epoch at which the stored token expires (the claim the legacy SPA reads too). */
  tokenExpiry() {
    try {
      const payload = this.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(atob(payload)).exp || 0;
    } catch {
      return 0;
    }
  }

  hasLiveToken() {
    return !!this.token && this.tokenExpiry() * 1000 > Date.now();
  }

  async login(email, password) {
    const response = await fetch('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: email, password }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw errorOf(response, body);
    this.token = body.access_token;
    localStorage.setItem(TOKEN_KEY, this.token);
  }

  forget() {
    this.token = null;
    localStorage.removeItem(TOKEN_KEY);
  }

  get(path, query) {
    return this.request('GET', withQuery(path, query));
  }

  post(path, body) {
    return this.request('POST', path, body);
  }

  patch(path, body) {
    return this.request('PATCH', path, body);
  }

  async request(method, path, body) {
    const response = await this.fetch(method, path, body);
    if (response.status === 204) return null;
    const json = await response.json().catch(() => ({}));
    if (!response.ok) throw errorOf(response, json);
    return json;
  }

  /** The raw response, for downloads; errors are still thrown as ApiError. */
  async download(path, query) {
    const response = await this.fetch('GET', withQuery(path, query));
    if (!response.ok) throw errorOf(response, await response.json().catch(() => ({})));
    return response;
  }

  async fetch(method, path, body) {
    const headers = { Authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, 'network', 'The server cannot be reached. Check the connection and try again.');
    }
    if (response.status === 401) {
      this.forget();
      this.onUnauthorized();
    }
    return response;
  }
}

function withQuery(path, query) {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, value);
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function errorOf(response, body) {
  const error = body && body.error;
  const message = (error && error.message) || (typeof body.detail === 'string' ? body.detail : null)
    || `The server answered ${response.status}`;
  const fields = error && error.details && error.details.fields;
  return new ApiError(response.status, error ? error.code : 'http_' + response.status, message, fields,
    response.headers.get('Retry-After'));
}
