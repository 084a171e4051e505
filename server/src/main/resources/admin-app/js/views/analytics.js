// Analytics (admin): the summary of PROTOCOL.md §C.5 as plain tables.

import { h, label, notice, option, replaceChildren } from '../dom.js';

const CHANNELS = [['', 'All channels'], ['webchat', 'Web chat'], ['sms', 'SMS'], ['whatsapp', 'WhatsApp'], ['messenger', 'Messenger']];

export function analyticsView(ctx) {
  const { api } = ctx;
  const from = h('input', { type: 'date', name: 'from' });
  const to = h('input', { type: 'date', name: 'to' });
  const channel = h('select', { name: 'channel' }, CHANNELS.map(([value, text]) => option(value, text)));
  const error = notice('error');
  const results = h('div', { class: 'analytics' });
  const form = h('form', { class: 'filters', onsubmit: (event) => { event.preventDefault(); load(); } },
    label('From', from), label('To (exclusive)', to), label('Channel', channel), h('button', { type: 'submit' }, 'Show'));
  const element = h('section', { class: 'page' }, h('h1', {}, 'Analytics'), form, error.element, results);

  async function load() {
    error.show('');
    try {
      render(await api.get('/api/v1/analytics/summary', { from: from.value, to: to.value, channel: channel.value }));
    } catch (e) {
      replaceChildren(results);
      error.show(e.message);
    }
  }

  function render(summary) {
    if (!from.value) from.value = summary.from;
    if (!to.value) to.value = summary.to;
    const c = summary.conversations || {};
    const m = summary.messages || {};
    const first = summary.first_response_seconds || {};
    const resolution = summary.resolution_seconds || {};
    replaceChildren(results,
      h('p', { class: 'muted' }, `${summary.from} to ${summary.to} (${summary.timezone})`),
      table('Conversations', ['Started', 'Closed', 'Escalated', 'Auto-closed', 'Reopened'],
        [[c.started, c.closed, c.escalated, c.auto_closed, c.reopened]]),
      table('Messages', ['From contacts', 'From staff', 'Automatic'], [[m.user, m.staff, m.system]]),
      table('Response times', ['Measure', 'Median', '90th percentile', 'Samples'], [
        ['First response', duration(first.median), duration(first.p90), first.samples],
        ['Resolution', duration(resolution.median), duration(resolution.p90), resolution.samples]]),
      table('By channel', ['Channel', 'Started', 'First response (median)'],
        Object.entries(summary.by_channel || {}).map(([name, v]) => [name, v.started, duration(v.first_response_median)])),
      table('By staff member', ['Staff member', 'Conversations handled', 'Replies', 'First response (median)'],
        (summary.by_staff || []).map((s) => [s.user.name, s.conversations_handled, s.replies, duration(s.first_response_median)])),
      table('By day', ['Date', 'Started', 'Closed', 'First response (median)'],
        (summary.by_day || []).map((d) => [d.date, d.started, d.closed, duration(d.first_response_median)])),
      busiestHours(summary.busiest_hours || []));
  }

  load();
  return { title: 'Analytics', element };
}

function table(title, headings, rows) {
  return h('section', { class: 'panel' },
    h('h2', {}, title),
    h('div', { class: 'table-scroll' },
      h('table', {},
        h('thead', {}, h('tr', {}, headings.map((text) => h('th', { scope: 'col' }, text)))),
        h('tbody', {}, rows.length === 0 ? h('tr', {}, h('td', { colspan: headings.length, class: 'muted' }, 'No data'))
          : rows.map((cells) => h('tr', {}, cells.map((cell, i) => (i === 0 && headings.length > 1 && typeof cell === 'string'
            ? h('th', { scope: 'row' }, cell) : h('td', {}, cell ?? '—')))))))));
}

function busiestHours(hours) {
  const max = Math.max(1, ...hours);
  return h('section', { class: 'panel' },
    h('h2', {}, 'Contact messages by hour of day'),
    h('div', { class: 'table-scroll' },
      h('table', { class: 'hours' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Hour'), h('th', { scope: 'col' }, 'Messages'), h('th', { scope: 'col' }, ''))),
        h('tbody', {}, hours.map((count, hour) => h('tr', {},
          h('th', { scope: 'row' }, `${String(hour).padStart(2, '0')}:00`),
          h('td', {}, count),
          h('td', {}, h('meter', { min: 0, max, value: count, 'aria-hidden': 'true' }))))))));
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
