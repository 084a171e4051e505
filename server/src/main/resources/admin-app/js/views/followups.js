// Followups left by contacts (admin): unviewed first, mark viewed, archive; the nav badge counts the unviewed.

import { h, label, notice, option, replaceChildren, timeElement } from '../dom.js';

/** The unviewed count beside "Followups", kept current by the stream's followup events. */
export class FollowupBadge {
  constructor(api, stream) {
    this.api = api;
    this.element = h('span', { class: 'badge', hidden: true });
    this.unsubscribe = stream.subscribe((type) => {
      if (type.startsWith('followup.') || type === 'history.purged' || type === 'reset') this.refresh();
    });
  }

  async refresh() {
    try {
      const page = await this.api.get('/api/v1/followups', { archived: 'false', limit: 1 });
      this.set(page.unviewed_count);
    } catch {
      this.set(0);
    }
  }

  set(count) {
    this.element.textContent = count > 0 ? String(count) : '';
    this.element.hidden = !(count > 0);
    this.element.setAttribute('aria-label', `${count} unviewed`);
  }

  destroy() {
    this.unsubscribe();
  }
}

export function followupsView(ctx) {
  const { api, stream, badge } = ctx;
  const filters = { archived: 'false', viewed: '', q: '' };
  let nextCursor = null;
  let items = [];
  let loadToken = 0;

  const list = h('ul', { class: 'cards', 'aria-label': 'Followups' });
  const empty = h('p', { class: 'muted empty', hidden: true }, 'No followups.');
  const more = h('button', { type: 'button', class: 'ghost more', hidden: true, onclick: () => load(true) }, 'Load more');
  const error = notice('error');
  const archived = h('select', { name: 'archived', onchange: () => { filters.archived = archived.value; load(false); } },
    option('false', 'Current'), option('true', 'Archived'));
  const viewed = h('select', { name: 'viewed', onchange: () => { filters.viewed = viewed.value; load(false); } },
    option('', 'All'), option('false', 'Not viewed'), option('true', 'Viewed'));
  let searchTimer = null;
  const search = h('input', {
    type: 'search', name: 'q', placeholder: 'Search', 'aria-label': 'Search followups',
    oninput: () => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => { filters.q = search.value.trim(); load(false); }, 300);
    },
  });

  const element = h('section', { class: 'page' },
    h('h1', {}, 'Followups'),
    h('div', { class: 'filters' }, search, label('Show', archived), label('Viewed', viewed)),
    error.element, list, empty, more);

  async function load(append) {
    const token = ++loadToken;
    error.show('');
    try {
      const page = await api.get('/api/v1/followups', { ...filters, limit: 50, cursor: append ? nextCursor : null });
      if (token !== loadToken) return;
      items = append ? items.concat(page.data) : page.data;
      nextCursor = page.next_cursor;
      if (badge && filters.archived === 'false') badge.set(page.unviewed_count);
      render();
    } catch (e) {
      if (token === loadToken) error.show(e.message);
    }
  }

  function render() {
    replaceChildren(list, items.map(card));
    empty.hidden = items.length > 0;
    more.hidden = !nextCursor;
  }

  function card(followup) {
    const unviewed = !followup.viewed_at;
    return h('li', { class: `card followup${unviewed ? ' unviewed' : ''}`, dataset: { id: followup.id } },
      h('div', { class: 'card-head' },
        h('strong', { class: 'name' }, followup.name || followup.external_id),
        unviewed ? h('span', { class: 'tag new' }, 'New') : null,
        h('span', { class: `tag channel-${followup.channel}` }, followup.channel),
        timeElement(followup.created_at)),
      h('dl', { class: 'contact' },
        followup.email ? [h('dt', {}, 'Email'), h('dd', {}, followup.email)] : null,
        followup.phone ? [h('dt', {}, 'Phone'), h('dd', {}, followup.phone)] : null),
      h('p', { class: 'message-text' }, followup.message),
      h('div', { class: 'card-actions' },
        followup.conversation_id ? h('a', { href: `/admin-app/conversations/${encodeURIComponent(followup.conversation_id)}` },
          'Open conversation') : null,
        unviewed ? h('button', { type: 'button', class: 'mark-viewed', onclick: () => act(followup, 'view') }, 'Mark viewed') : null,
        followup.archived_at ? h('span', { class: 'muted' }, `Archived${followup.archived_by ? ` by ${followup.archived_by.name}` : ''}`)
          : h('button', { type: 'button', class: 'archive', onclick: () => act(followup, 'archive') }, 'Archive')));
  }

  async function act(followup, action) {
    error.show('');
    try {
      const updated = await api.post(`/api/v1/followups/${encodeURIComponent(followup.id)}/${action}`);
      if (action === 'archive' && filters.archived === 'false') items = items.filter((f) => f.id !== followup.id);
      else items = items.map((f) => (f.id === updated.id ? updated : f));
      render();
      if (badge) badge.refresh();
    } catch (e) {
      error.show(e.message);
    }
  }

  const unsubscribe = stream.subscribe((type, data) => {
    if (type === 'followup.created' && filters.archived === 'false' && !filters.q && filters.viewed !== 'true') {
      if (!items.some((f) => f.id === data.followup.id)) items = [data.followup, ...items];
      render();
    } else if (type === 'followup.updated') {
      const archivedNow = !!data.followup.archived_at;
      if (archivedNow && filters.archived === 'false') items = items.filter((f) => f.id !== data.followup.id);
      else items = items.map((f) => (f.id === data.followup.id ? data.followup : f));
      render();
    } else if (type === 'reset' || type === 'history.purged') {
      load(false);
    }
  });

  load(false);
  return {
    title: 'Followups',
    element,
    destroy() {
      unsubscribe();
      clearTimeout(searchTimer);
    },
  };
}
