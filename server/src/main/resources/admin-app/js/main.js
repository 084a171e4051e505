// The admin web app: session, shell, routes. Everything below /admin-app/ answers index.html, so this file routes.

import { Api } from './api.js';
import { StaffStream } from './stream.js';
import { h, replaceChildren } from './dom.js';
import { loginView } from './views/login.js';
import { inboxView } from './views/inbox.js';
import { followupsView, FollowupBadge } from './views/followups.js';
import { historyView } from './views/history.js';
import { analyticsView } from './views/analytics.js';
import { usersView } from './views/users.js';

const BASE = '/admin-app';
const root = document.getElementById('app');
const api = new Api();
const stream = new StaffStream(api);

let me = null;
let current = null;
let badge = null;
let main = null;
let nav = null;

const routes = [
  {
    pattern: /^\/(?:inbox\/?)?$/, key: 'inbox', extra: () => ({ conversationId: null }),
    view: (params) => inboxView(context(params, { conversationId: null })),
  },
  {
    pattern: /^\/conversations\/([^/]+)\/?$/, key: 'inbox', extra: (params) => ({ conversationId: params[0] }),
    view: (params) => inboxView(context(params, { conversationId: params[0] })),
  },
  { pattern: /^\/followups\/?$/, admin: true, view: (params) => followupsView(context(params)) },
  { pattern: /^\/history\/?$/, admin: true, view: (params) => historyView(context(params)) },
  { pattern: /^\/analytics\/?$/, admin: true, view: (params) => analyticsView(context(params)) },
  { pattern: /^\/users\/?$/, admin: true, view: (params) => usersView(context(params)) },
];

const sections = [
  { path: '/inbox', label: 'Inbox', match: /^\/(inbox|conversations)?/ },
  { path: '/followups', label: 'Followups', admin: true },
  { path: '/history', label: 'History', admin: true },
  { path: '/analytics', label: 'Analytics', admin: true },
  { path: '/users', label: 'Users', admin: true },
];

function context(params, extra) {
  return { api, stream, me, params, navigate, badge, ...extra };
}

export function navigate(path, { replace = false } = {}) {
  const url = path.startsWith(BASE) ? path : BASE + path;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  render();
}

function appPath() {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '/';
  return path || '/';
}

async function boot() {
  api.onUnauthorized = () => {
    if (me) endSession('Your session has ended. Please sign in again.');
  };
  if (api.hasLiveToken()) {
    try {
      me = await api.get('/api/v1/auth/me');
    } catch {
      me = null;
    }
  }
  if (!me) {
    api.forget();
    showLogin(appPath() === '/login' ? '/' : appPath() + location.search);
    return;
  }
  await startSession();
}

function showLogin(returnTo, message) {
  if (appPath() !== '/login') history.replaceState(null, '', `${BASE}/login`);
  const view = loginView({
    api,
    message,
    onSignedIn: async () => {
      me = await api.get('/api/v1/auth/me');
      history.replaceState(null, '', BASE + (returnTo || '/'));
      await startSession();
    },
  });
  replaceChildren(root, view.element);
  document.title = 'Sign in · Omnichat';
  view.focus();
}

async function startSession() {
  const status = h('span', { class: 'stream-status', role: 'status' });
  const signOutButton = h('button', { type: 'button', class: 'ghost', onclick: () => signOut() }, 'Sign out');
  nav = h('nav', { class: 'nav', 'aria-label': 'Sections' });
  main = h('main', { id: 'main', class: 'main', tabindex: '-1' });
  badge = me.role === 'admin' ? new FollowupBadge(api, stream) : null;
  for (const section of sections) {
    if (section.admin && me.role !== 'admin') continue;
    const link = h('a', { href: BASE + section.path, dataset: { path: section.path } }, section.label);
    if (section.path === '/followups' && badge) link.append(' ', badge.element);
    nav.append(link);
  }
  const header = h('header', { class: 'topbar' },
    h('a', { class: 'brand', href: `${BASE}/` }, 'Omnichat'),
    nav,
    h('div', { class: 'account' }, status, h('span', { class: 'who', title: me.email }, me.name), signOutButton));
  replaceChildren(root, header, main);
  stream.onStatus((state) => {
    status.textContent = { live: 'Live', connecting: 'Connecting…', reconnecting: 'Reconnecting…', offline: 'Offline' }[state];
    status.dataset.state = state;
  });
  await stream.start();
  if (badge) badge.refresh();
  render();
}

async function signOut() {
  try {
    await api.post('/api/v1/auth/logout');
  } catch {
    // the token is forgotten below either way
  }
  endSession();
}

function endSession(message) {
  if (current && current.destroy) current.destroy();
  current = null;
  stream.stop();
  if (badge) badge.destroy();
  api.forget();
  me = null;
  showLogin('/', message);
}

function render() {
  if (!me) return;
  const path = appPath();
  if (path === '/login') {
    history.replaceState(null, '', `${BASE}/`);
    return render();
  }
  let route = null;
  let params = [];
  let adminOnly = false;
  for (const candidate of routes) {
    const match = path.match(candidate.pattern);
    if (!match) continue;
    if (!candidate.admin || me.role === 'admin') route = candidate;
    else adminOnly = true;
    params = match.slice(1).map((part) => (part === undefined ? part : decodeURIComponent(part)));
    break;
  }
  if (route && route.key && current && current.key === route.key) {
    // The inbox stays mounted while the user moves between conversations: the list keeps its place.
    current.update(route.extra(params));
    markSection(path);
    return;
  }
  if (current && current.destroy) current.destroy();
  const view = route ? route.view(params) : adminOnly ? adminOnlyView() : notFoundView();
  current = view;
  replaceChildren(main, view.element);
  document.title = `${view.title} · Omnichat`;
  markSection(path);
  const heading = main.querySelector('h1');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
}

function markSection(path) {
  for (const link of nav.querySelectorAll('a')) {
    const section = sections.find((s) => s.path === link.dataset.path);
    const active = section.match ? section.match.test(path) && !/^\/(followups|history|analytics|users)/.test(path)
      : path.startsWith(section.path);
    if (active) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function adminOnlyView() {
  return {
    title: 'Admins only',
    element: h('section', { class: 'page' }, h('h1', {}, 'Admins only'),
      h('p', {}, 'This section is for admins. ', h('a', { href: `${BASE}/` }, 'Go to the inbox'), '.')),
  };
}

function notFoundView() {
  return {
    title: 'Not found',
    element: h('section', { class: 'page' }, h('h1', {}, 'Page not found'),
      h('p', {}, 'There is nothing at this address. ', h('a', { href: `${BASE}/` }, 'Go to the inbox'), '.')),
  };
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey
    || event.altKey || link.target || link.hasAttribute('download')) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || !url.pathname.startsWith(BASE)) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});

window.addEventListener('popstate', render);

boot();
