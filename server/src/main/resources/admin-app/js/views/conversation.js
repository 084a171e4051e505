// One conversation: messages (live), reply with an idempotent client_id, assign, close and reopen.

import { h, notice, option, replaceChildren, timeElement } from '../dom.js';
import { clientId } from '../ids.js';

const TYPING_EXPIRES_MS = 6000;
const TYPING_REPEAT_MS = 2000;
const TYPING_IDLE_MS = 4000;

export function displayName(conversation) {
  return (conversation.contact && conversation.contact.name) || conversation.external_id;
}

export function statusText(status) {
  return { open: 'Open', escalated: 'Pending', closed: 'Closed' }[status] || status;
}

export function conversationPane(ctx) {
  const { api, stream, me, conversationId, onConversation, onRead } = ctx;
  const path = `/api/v1/conversations/${encodeURIComponent(conversationId)}`;
  let conversation = null;
  const messages = new Map();
  const pending = new Map();
  let hasMore = false;
  let users = null;
  let typingTimer = null;
  let destroyed = false;
  let readSeq = 0;
  let typingSentAt = 0;
  let typingIdleTimer = null;

  const title = h('h2', { class: 'conversation-title' }, 'Loading…');
  const meta = h('p', { class: 'meta' });
  const actions = h('div', { class: 'actions' });
  const error = notice('error');
  const olderButton = h('button', { type: 'button', class: 'ghost more', hidden: true, onclick: () => loadOlder() },
    'Load earlier messages');
  const list = h('ol', { class: 'messages', 'aria-live': 'polite', 'aria-label': 'Messages' });
  const scroller = h('div', { class: 'message-scroller' }, olderButton, list);
  const typing = h('p', { class: 'typing muted', 'aria-live': 'polite' });
  const text = h('textarea', {
    name: 'reply', rows: 3, placeholder: 'Write a reply… (Enter sends, Shift+Enter adds a line)', 'aria-label': 'Reply',
    oninput: () => typingStarted(),
    onblur: () => typingStopped(),
    onkeydown: (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    },
  });
  const send = h('button', { type: 'submit', class: 'primary' }, 'Send');
  const form = h('form', {
    class: 'reply',
    onsubmit: (event) => {
      event.preventDefault();
      const value = text.value;
      if (!value.trim()) return;
      text.value = '';
      typingStopped();
      sendMessage({ client_id: clientId(), text: value });
    },
  }, text, send);

  const element = h('article', { class: 'conversation' },
    h('header', { class: 'conversation-header' },
      h('a', { class: 'back ghost', href: '/admin-app/inbox' }, '← Inbox'),
      h('div', { class: 'heading' }, title, meta), actions),
    error.element, scroller, typing, form);

  async function load() {
    try {
      const [detail, page] = await Promise.all([api.get(path), api.get(`${path}/messages`, { limit: 100 })]);
      if (destroyed) return;
      setConversation(detail);
      for (const message of page.data) messages.set(message.id, message);
      hasMore = page.has_more;
      renderMessages(true);
      markRead();
    } catch (e) {
      if (destroyed) return;
      title.textContent = e.status === 404 ? 'Conversation not found' : 'Conversation';
      error.show(e.status === 404 ? 'This conversation does not exist or was deleted.' : e.message);
      form.hidden = true;
    }
  }

  async function loadOlder() {
    const first = sortedMessages()[0];
    if (!first) return;
    try {
      const page = await api.get(`${path}/messages`, { before_seq: first.seq, limit: 100 });
      const height = scroller.scrollHeight;
      for (const message of page.data) messages.set(message.id, message);
      hasMore = page.has_more;
      renderMessages(false);
      scroller.scrollTop = scroller.scrollHeight - height;
    } catch (e) {
      error.show(e.message);
    }
  }

  function setConversation(next) {
    conversation = next;
    title.textContent = displayName(conversation);
    const contact = conversation.contact || {};
    replaceChildren(meta,
      h('span', { class: `tag channel-${conversation.channel}` }, conversation.channel),
      h('span', { class: `tag status-${conversation.status}` }, statusText(conversation.status)),
      conversation.visitor_online ? h('span', { class: 'tag online' }, 'Online') : null,
      h('span', { class: 'external-id' }, conversation.external_id),
      contact.email ? h('span', {}, contact.email) : null,
      contact.phone ? h('span', {}, contact.phone) : null);
    renderActions();
    onConversation(conversation);
  }

  async function renderActions() {
    const closed = conversation.status === 'closed';
    const toggle = h('button', {
      type: 'button',
      class: closed ? '' : 'danger',
      onclick: () => change({ status: closed ? 'open' : 'closed' }),
    }, closed ? 'Reopen' : 'Close');
    const assignee = conversation.assignee ? conversation.assignee.id : '';
    const select = h('select', {
      name: 'assignee', 'aria-label': 'Assigned to',
      onchange: () => change({ assignee_id: select.value || null }),
    }, option('', 'Unassigned', assignee === ''), option(String(me.id), `Me (${me.name})`, assignee === String(me.id)));
    for (const user of await assignableUsers()) {
      if (user.id !== String(me.id)) select.append(option(user.id, user.name, assignee === user.id));
    }
    if (assignee && ![...select.options].some((o) => o.value === assignee)) {
      select.append(option(assignee, conversation.assignee.name, true));
    }
    replaceChildren(actions, select, toggle);
  }

  async function assignableUsers() {
    if (me.role !== 'admin') return [];
    if (users === null) {
      try {
        users = (await api.get('/api/v1/users')).data.filter((user) => user.active);
      } catch {
        users = [];
      }
    }
    return users;
  }

  async function change(body) {
    error.show('');
    try {
      setConversation(await api.patch(path, body));
    } catch (e) {
      error.show(e.message);
      renderActions();
    }
  }

  async function sendMessage(draft) {
    pending.set(draft.client_id, { ...draft, failed: false });
    renderMessages(true);
    try {
      const message = await api.post(`${path}/messages`, draft);
      pending.delete(draft.client_id);
      messages.set(message.id, message);
    } catch (e) {
      // A message the server refused as invalid will never go; anything else is retried with the same client_id.
      pending.set(draft.client_id, { ...draft, failed: true, reason: e.message });
    }
    renderMessages(true);
  }

  function sortedMessages() {
    return [...messages.values()].sort((a, b) => a.seq - b.seq);
  }

  function renderMessages(scrollToEnd) {
    const nearEnd = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
    olderButton.hidden = !hasMore;
    replaceChildren(list, sortedMessages().map(messageItem), [...pending.values()].map(pendingItem));
    if (scrollToEnd || nearEnd) scroller.scrollTop = scroller.scrollHeight;
  }

  function messageItem(message) {
    const who = message.sender === 'user' ? displayName(conversation || { external_id: 'Contact' })
      : message.sender === 'system' ? 'Automatic message' : (message.author ? message.author.name : 'Staff');
    const delivery = message.delivery && message.delivery.status;
    return h('li', { class: `message from-${message.sender}`, dataset: { id: message.id, seq: message.seq } },
      h('div', { class: 'message-meta' }, h('span', { class: 'author' }, who), timeElement(message.created_at),
        delivery ? h('span', { class: `delivery delivery-${delivery}` }, delivery) : null),
      h('p', { class: 'message-text' }, message.text));
  }

  function pendingItem(draft) {
    return h('li', { class: `message from-staff pending${draft.failed ? ' failed' : ''}` },
      h('div', { class: 'message-meta' }, h('span', { class: 'author' }, me.name),
        h('span', {}, draft.failed ? `Not sent: ${draft.reason}` : 'Sending…'),
        draft.failed ? h('button', { type: 'button', class: 'ghost', onclick: () => sendMessage(draft) }, 'Retry') : null),
      h('p', { class: 'message-text' }, draft.text));
  }

  async function markRead() {
    const last = sortedMessages().at(-1);
    if (!last || last.seq <= readSeq || document.visibilityState !== 'visible') return;
    readSeq = last.seq;
    try {
      await api.post(`${path}/read`, { seq: last.seq });
      onRead(conversationId);
    } catch {
      readSeq = 0;
    }
  }

  // The contact sees "typing…": one start per 2 s at most while keys are pressed, a stop when the reply pauses or goes.
  function typingStarted() {
    clearTimeout(typingIdleTimer);
    typingIdleTimer = setTimeout(typingStopped, TYPING_IDLE_MS);
    if (Date.now() - typingSentAt >= TYPING_REPEAT_MS) {
      typingSentAt = Date.now();
      stream.send('typing', { conversation_id: conversationId, state: 'start' });
    }
  }

  function typingStopped() {
    clearTimeout(typingIdleTimer);
    if (typingSentAt === 0) return;
    typingSentAt = 0;
    stream.send('typing', { conversation_id: conversationId, state: 'stop' });
  }

  function showTyping(data) {
    clearTimeout(typingTimer);
    typing.textContent = data.state === 'start' ? `${displayName(conversation)} is typing…` : '';
    if (data.state === 'start') typingTimer = setTimeout(() => { typing.textContent = ''; }, TYPING_EXPIRES_MS);
  }

  const onVisible = () => markRead();
  document.addEventListener('visibilitychange', onVisible);
  load();

  return {
    element,
    focus: () => text.focus(),
    handle(type, data) {
      if (destroyed) return;
      if (type === 'message.created' && data.conversation_id === conversationId) {
        if (data.client_id && pending.has(data.client_id) && data.author && data.author.id === String(me.id)) {
          pending.delete(data.client_id);
        }
        messages.set(data.id, data);
        if (data.sender === 'user') showTyping({ state: 'stop' });
        renderMessages(false);
        markRead();
      } else if (type === 'message.updated' && data.conversation_id === conversationId && messages.has(data.id)) {
        messages.set(data.id, { ...messages.get(data.id), delivery: data.delivery });
        renderMessages(false);
      } else if (type === 'conversation.updated' && data.conversation.id === conversationId) {
        setConversation(data.conversation);
      } else if (type === 'typing' && data.conversation_id === conversationId && data.actor === 'user') {
        showTyping(data);
      } else if (type === 'presence.visitor' && data.conversation_id === conversationId && conversation) {
        setConversation({ ...conversation, visitor_online: data.online });
      } else if (type === 'reset') {
        messages.clear();
        load();
      }
    },
    destroy() {
      typingStopped();
      destroyed = true;
      clearTimeout(typingTimer);
      document.removeEventListener('visibilitychange', onVisible);
    },
  };
}
