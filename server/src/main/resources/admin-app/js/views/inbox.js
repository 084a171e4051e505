// Inbox: the conversation list with filters and live updates, and the selected conversation beside it.

import { h, label, notice, option, replaceChildren, timeElement } from '../dom.js';
import { conversationPane, displayName, statusText } from './conversation.js';

const STATUS_FILTERS = [
  ['open,escalated', 'Open and pending'], ['open', 'Open'], ['escalated', 'Pending'], ['closed', 'Closed'], ['', 'All'],
];
const CHANNELS = [['', 'All channels'], ['webchat', 'Web chat'], ['sms', 'SMS'], ['whatsapp', 'WhatsApp'], ['messenger', 'Messenger']];

// Filters outlive the view, so going to another section and back keeps what the user chose.
const filters = { status: 'open,escalated', channel: '', assignee: '', q: '', sort: 'recent' };

export function inboxView(ctx) {
  const { api, stream, me } = ctx;
  const conversations = new Map();
  const fetching = new Set();
  let nextCursor = null;
  let loadToken = 0;
  let pane = null;
  let selectedId = null;

  const list = h('ul', { class: 'conversation-list', 'aria-label': 'Conversations' });
  const empty = h('p', { class: 'muted empty', hidden: true }, 'No conversations here.');
  const more = h('button', { type: 'button', class: 'ghost more', hidden: true, onclick: () => load(true) }, 'Load more');
  const error = notice('error');
  const detail = h('section', { class: 'detail', 'aria-label': 'Conversation' });

  const statusSelect = h('select', { name: 'status', onchange: () => setFilter('status', statusSelect.value) },
    STATUS_FILTERS.map(([value, text]) => option(value, text, filters.status === value)));
  const channelSelect = h('select', { name: 'channel', onchange: () => setFilter('channel', channelSelect.value) },
    CHANNELS.map(([value, text]) => option(value, text, filters.channel === value)));
  const assigneeSelect = h('select', { name: 'assignee', onchange: () => setFilter('assignee', assigneeSelect.value) },
    option('', 'Anyone', filters.assignee === ''), option('me', 'Me', filters.assignee === 'me'),
    option('none', 'Unassigned', filters.assignee === 'none'));
  const sortSelect = h('select', { name: 'sort', onchange: () => setFilter('sort', sortSelect.value) },
    option('recent', 'Most recent', filters.sort === 'recent'), option('waiting', 'Waiting longest', filters.sort === 'waiting'));
  let searchTimer = null;
  const search = h('input', {
    type: 'search', name: 'q', value: filters.q, placeholder: 'Search', 'aria-label': 'Search conversations',
    oninput: () => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => {
        const q = search.value.trim();
        if (q.length === 1) return;
        setFilter('q', q);
      }, 300);
    },
  });

  const listPane = h('section', { class: 'list-pane', 'aria-label': 'Conversation list' },
    h('h1', { class: 'pane-title' }, 'Inbox'),
    h('div', { class: 'filters' }, search, label('Status', statusSelect), label('Channel', channelSelect),
      label('Assigned', assigneeSelect), label('Order', sortSelect)),
    error.element, list, empty, more);
  const element = h('div', { class: 'inbox' }, listPane, detail);

  function setFilter(key, value) {
    filters[key] = value;
    load(false);
  }

  async function load(append) {
    const token = ++loadToken;
    error.show('');
    try {
      const page = await api.get('/api/v1/conversations', {
        status: filters.status, channel: filters.channel, assignee: filters.assignee, q: filters.q,
        sort: filters.sort, limit: 50, cursor: append ? nextCursor : null,
      });
      if (token !== loadToken) return;
      if (!append) conversations.clear();
      for (const conversation of page.data) conversations.set(conversation.id, conversation);
      nextCursor = page.next_cursor;
      renderList();
    } catch (e) {
      if (token === loadToken) error.show(e.message);
    }
  }

  function matches(conversation) {
    if (filters.status && !filters.status.split(',').includes(conversation.status)) return false;
    if (filters.channel && conversation.channel !== filters.channel) return false;
    const assignee = conversation.assignee ? conversation.assignee.id : null;
    if (filters.assignee === 'me' && assignee !== String(me.id)) return false;
    if (filters.assignee === 'none' && assignee !== null) return false;
    return true;
  }

  function sorted() {
    const all = [...conversations.values()];
    if (filters.sort === 'waiting') {
      return all.sort((a, b) => (a.waiting_since || '\uffff').localeCompare(b.waiting_since || '\uffff'));
    }
    return all.sort((a, b) => (b.updated_at || '').localeCompare(a.updated_at || ''));
  }

  function renderList() {
    replaceChildren(list, sorted().map(row));
    empty.hidden = conversations.size > 0;
    more.hidden = !nextCursor;
  }

  function row(conversation) {
    const last = conversation.last_message;
    const unread = conversation.unread_count || 0;
    const link = h('a', {
      href: `/admin-app/conversations/${encodeURIComponent(conversation.id)}`,
      class: 'conversation-link',
      'aria-current': conversation.id === selectedId ? 'true' : null,
    },
    h('span', { class: 'row-top' },
      h('span', { class: 'name' }, displayName(conversation)),
      timeElement(last ? last.created_at : conversation.updated_at)),
    h('span', { class: 'row-bottom' },
      h('span', { class: 'preview' }, last ? `${last.sender === 'staff' ? 'You: ' : ''}${last.text}` : ''),
      unread > 0 ? h('span', { class: 'unread', 'aria-label': `${unread} unread` }, String(unread)) : null),
    h('span', { class: 'row-tags' },
      h('span', { class: `tag channel-${conversation.channel}` }, conversation.channel),
      h('span', { class: `tag status-${conversation.status}` }, statusText(conversation.status)),
      conversation.assignee ? h('span', { class: 'tag' }, conversation.assignee.name) : null));
    return h('li', { dataset: { id: conversation.id } }, link);
  }

  function upsert(conversation) {
    const known = conversations.get(conversation.id);
    const merged = { ...conversation, unread_count: conversation.unread_count ?? (known ? known.unread_count : 0) };
    if (matches(merged) && (known || !filters.q)) conversations.set(merged.id, merged);
    else conversations.delete(merged.id);
    renderList();
  }

  async function onMessage(message) {
    const known = conversations.get(message.conversation_id);
    if (!known) {
      if (filters.q || fetching.has(message.conversation_id)) return;
      fetching.add(message.conversation_id);
      try {
        const conversation = await api.get(`/api/v1/conversations/${encodeURIComponent(message.conversation_id)}`);
        const newer = conversations.get(conversation.id);
        if (!newer || newer.updated_at <= conversation.updated_at) upsert(conversation);
      } catch {
        // gone or not visible: nothing to show
      } finally {
        fetching.delete(message.conversation_id);
      }
      return;
    }
    if (known.last_message && known.last_message.seq >= message.seq) return;
    const viewing = message.conversation_id === selectedId && document.visibilityState === 'visible';
    conversations.set(known.id, {
      ...known,
      last_message: { seq: message.seq, sender: message.sender, text: message.text, created_at: message.created_at },
      message_count: (known.message_count || 0) + 1,
      unread_count: message.sender === 'user' && !viewing ? (known.unread_count || 0) + 1 : known.unread_count,
      updated_at: message.created_at > known.updated_at ? message.created_at : known.updated_at,
    });
    renderList();
  }

  const unsubscribe = stream.subscribe((type, data) => {
    if (type === 'conversation.created' || type === 'conversation.updated') upsert(data.conversation);
    else if (type === 'message.created') onMessage(data);
    else if (type === 'reset') load(false);
    if (pane) pane.handle(type, data);
  });

  function select(conversationId) {
    if (pane && selectedId === conversationId) return;
    if (pane) pane.destroy();
    pane = null;
    selectedId = conversationId;
    element.classList.toggle('has-selection', !!conversationId);
    if (conversationId) {
      pane = conversationPane({
        ...ctx,
        conversationId,
        onConversation: (conversation) => upsert(conversation),
        onRead: (id) => {
          const known = conversations.get(id);
          if (known && known.unread_count) {
            conversations.set(id, { ...known, unread_count: 0 });
            renderList();
          }
        },
      });
      replaceChildren(detail, pane.element);
    } else {
      replaceChildren(detail, h('div', { class: 'placeholder muted' }, 'Choose a conversation to read and reply.'));
    }
    renderList();
  }

  select(ctx.conversationId);
  load(false);

  return {
    key: 'inbox',
    title: 'Inbox',
    element,
    update(next) {
      select(next.conversationId);
    },
    focus() {
      if (pane) pane.focus();
    },
    destroy() {
      unsubscribe();
      clearTimeout(searchTimer);
      if (pane) pane.destroy();
    },
  };
}
