// History (admin): closed conversations and archived followups, with filters, and CSV/JSON exports.

import { h, label, notice, option, replaceChildren, timeElement } from '../dom.js';
import { displayName } from './conversation.js';

const CHANNELS = [['', 'All channels'], ['webchat', 'Web chat'], ['sms', 'SMS'], ['whatsapp', 'WhatsApp'], ['messenger', 'Messenger']];

export function historyView(ctx) {
  const { api } = ctx;
  let nextCursor = null;
  let items = [];
  let loadToken = 0;

  const from = h('input', { type: 'date', name: 'from' });
  const to = h('input', { type: 'date', name: 'to' });
  const channel = h('select', { name: 'channel' }, CHANNELS.map(([value, text]) => option(value, text)));
  const q = h('input', { type: 'search', name: 'q', 'aria-label': 'Search history', placeholder: 'Search' });
  const list = h('ul', { class: 'cards', 'aria-label': 'History' });
  const empty = h('p', { class: 'muted empty', hidden: true }, 'Nothing in this range.');
  const more = h('button', { type: 'button', class: 'ghost more', hidden: true, onclick: () => load(true) }, 'Load more');
  const error = notice('error');
  const filterForm = h('form', { class: 'filters', onsubmit: (event) => { event.preventDefault(); load(false); } },
    q, label('From', from), label('To', to), label('Channel', channel), h('button', { type: 'submit' }, 'Apply'));

  const element = h('section', { class: 'page' },
    h('h1', {}, 'History'),
    filterForm, error.element, list, empty, more,
    exportPanel(api, { from, to, channel }));

  function query(append) {
    return {
      from: dayStart(from.value), to: dayEnd(to.value), channel: channel.value, q: q.value.trim().length >= 2 ? q.value.trim() : '',
      limit: 50, cursor: append ? nextCursor : null,
    };
  }

  async function load(append) {
    const token = ++loadToken;
    error.show('');
    try {
      const page = await api.get('/api/v1/history', query(append));
      if (token !== loadToken) return;
      items = append ? items.concat(page.data) : page.data;
      nextCursor = page.next_cursor;
      replaceChildren(list, items.map(entry));
      empty.hidden = items.length > 0;
      more.hidden = !nextCursor;
    } catch (e) {
      if (token === loadToken) error.show(e.message);
    }
  }

  function entry(item) {
    if (item.kind === 'followup') {
      const f = item.followup;
      return h('li', { class: 'card' },
        h('div', { class: 'card-head' }, h('span', { class: 'tag' }, 'Followup'), h('strong', {}, f.name || f.external_id),
          h('span', { class: `tag channel-${f.channel}` }, f.channel), timeElement(f.archived_at || f.created_at)),
        h('p', { class: 'message-text' }, f.message),
        h('p', { class: 'muted' }, [f.email, f.phone].filter(Boolean).join(' · ')));
    }
    const c = item.conversation;
    return h('li', { class: 'card' },
      h('div', { class: 'card-head' }, h('span', { class: 'tag' }, 'Conversation'),
        h('a', { href: `/admin-app/conversations/${encodeURIComponent(c.id)}` }, displayName(c)),
        h('span', { class: `tag channel-${c.channel}` }, c.channel), timeElement(c.closed_at || c.updated_at)),
      c.last_message ? h('p', { class: 'message-text' }, c.last_message.text) : null,
      h('p', { class: 'muted' }, `${c.message_count} messages`));
  }

  load(false);
  return { title: 'History', element };
}

/** Downloads go through fetch, so the Bearer token travels in a header and never in a URL. */
function exportPanel(api, range) {
  const kind = h('select', { name: 'kind' },
    option('conversations', 'Conversations'), option('messages', 'Messages'), option('followups', 'Followups'));
  const format = h('select', { name: 'format' }, option('csv', 'CSV'), option('json', 'JSON'));
  const button = h('button', { type: 'submit', class: 'primary' }, 'Download');
  const status = notice('info');
  const error = notice('error');
  const form = h('form', {
    class: 'filters export',
    onsubmit: async (event) => {
      event.preventDefault();
      error.show('');
      status.show('Preparing the download…');
      button.disabled = true;
      try {
        const response = await api.download(`/api/v1/exports/${kind.value}`, {
          format: format.value, from: dayStart(range.from.value), to: dayEnd(range.to.value), channel: range.channel.value,
        });
        const name = filenameOf(response.headers.get('Content-Disposition')) || `${kind.value}.${format.value}`;
        save(await response.blob(), name);
        status.show(`Downloaded ${name}.`);
      } catch (e) {
        status.show('');
        error.show(e.message);
      } finally {
        button.disabled = false;
      }
    },
  }, label('Export', kind), label('Format', format), button);
  return h('section', { class: 'panel', 'aria-labelledby': 'export-title' },
    h('h2', { id: 'export-title' }, 'Export'),
    h('p', { class: 'muted' }, 'Uses the dates and channel chosen above.'),
    form, status.element, error.element);
}

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

export function filenameOf(disposition) {
  if (!disposition) return null;
  const star = disposition.match(/filename\*\s*=\s*UTF-8''([^;]+)/i);
  if (star) return decodeURIComponent(star[1]);
  const plain = disposition.match(/filename\s*=\s*"?([^";]+)"?/i);
  return plain ? plain[1] : null;
}

// The protocol's timestamps carry exactly six fractional digits.
function iso(date) {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

function dayStart(date) {
  return date ? iso(new Date(`${date}T00:00:00`)) : '';
}

function dayEnd(date) {
  if (!date) return '';
  const end = new Date(`${date}T00:00:00`);
  end.setDate(end.getDate() + 1);
  return iso(end);
}
