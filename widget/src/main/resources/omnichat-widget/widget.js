/* Omnichat visitor widget: <script src="https://HOST/widget.js" data-site-key="..." async></script> */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.__omnichatWidget) return;
  window.__omnichatWidget = true;
  var data = script.dataset;
  var siteKey = data.siteKey;
  if (!siteKey) return;
  var base = new URL(script.src, location.href);
  var api = base.origin + '/api/v1/widget';
  var storeKey = 'omnichat:' + siteKey;
  var fr = /^fr/i.test(data.language || document.documentElement.lang || '');
  var T = fr ? {
    open: 'Ouvrir le chat', close: 'Fermer', send: 'Envoyer', placeholder: 'Votre message…', you: 'Vous',
    sending: 'Envoi…', typing: 'écrit…', online: 'Nous sommes en ligne', away: 'Nous répondrons bientôt',
    reconnecting: 'Reconnexion…', leave: 'Laisser un message', back: 'Retour au chat', name: 'Nom',
    email: 'E-mail', phone: 'Téléphone', message: 'Message', submit: 'Envoyer', contact: 'Indiquez un moyen de vous joindre',
    badEmail: 'Adresse e-mail invalide', badPhone: 'Numéro invalide', failed: 'Échec, réessayez', staff: 'Équipe'
  } : {
    open: 'Open chat', close: 'Close', send: 'Send', placeholder: 'Type your message…', you: 'You',
    sending: 'Sending…', typing: 'is typing…', online: 'We are online', away: 'We will reply soon',
    reconnecting: 'Reconnecting…', leave: 'Leave a message', back: 'Back to chat', name: 'Name',
    email: 'Email', phone: 'Phone', message: 'Message', submit: 'Send', contact: 'Give at least one way to reach you',
    badEmail: 'Enter a valid email', badPhone: 'Enter a valid phone number', failed: 'Failed, try again', staff: 'Support'
  };

  var creds = null;
  var config = null;
  var messages = {};
  var outbox = [];
  var lastSeq = 0;
  var socket = null;
  var ready = false;
  var attempts = 0;
  var retryTimer = 0;
  var flushTimer = 0;
  var started = false;
  var isOpen = false;
  var unread = 0;
  var lastTypingSent = 0;
  var typingStopTimer = 0;
  var staffTypingTimer = 0;
  var staffOnline = false;
  var conversationStatus = null;
  // REST fallback (a proxy that refuses WebSockets): polling state, and closes since the socket last stayed up.
  var everReady = false;
  var readyAt = 0;
  var drops = 0;
  var polling = false;
  var pollBusy = false;
  var postBusy = false;
  var pollRound = 0;
  var pollTimer = 0;
  var pollDelay = 2000;
  var sentSincePoll = false;
  var POLL_PAGE = 100;

  function readStore() {
    try { return JSON.parse(localStorage.getItem(storeKey)); } catch (e) { return null; }
  }
  function writeStore() {
    if (!creds) return;
    try {
      localStorage.setItem(storeKey, JSON.stringify({ visitor_id: creds.visitor_id, visitor_secret: creds.visitor_secret, outbox: outbox }));
    } catch (e) { /* storage may be blocked; the session still works in this tab */ }
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }

  var host = el('omnichat-widget');
  var root = host.attachShadow({ mode: 'open' });
  var color = /^#[0-9a-f]{3,8}$/i.test(data.color || '') ? data.color : '#4f46e5';
  var left = data.position === 'left';
  var style = el('style');
  style.textContent =
    ':host{all:initial!important;display:block!important}' +
    '.w{all:initial;position:fixed;bottom:16px;' + (left ? 'left' : 'right') + ':16px;z-index:2147483000;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;--c:' + color + '}' +
    '.w *{box-sizing:border-box;font:inherit;color:inherit;margin:0}' +
    'button{cursor:pointer;border:0;background:none;padding:0}' +
    ':focus-visible{outline:2px solid var(--c);outline-offset:2px}' +
    '.b{width:56px;height:56px;border-radius:50%;background:var(--c);color:#fff;box-shadow:0 4px 14px rgba(0,0,0,.25);position:relative;display:flex;align-items:center;justify-content:center;font-size:24px;margin-' + (left ? 'right' : 'left') + ':auto;transition:transform .15s}' +
    '.b:hover{transform:scale(1.06)}' +
    '.n{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;border-radius:10px;background:#dc2626;color:#fff;font-size:12px;font-weight:600;display:flex;align-items:center;justify-content:center;padding:0 5px}' +
    '.p{display:none;flex-direction:column;width:370px;max-width:calc(100vw - 32px);height:540px;max-height:calc(100vh - 100px);background:#fff;border-radius:14px;box-shadow:0 10px 40px rgba(0,0,0,.25);overflow:hidden;margin-bottom:12px;animation:in .18s ease-out}' +
    '.o .p{display:flex}' +
    '@keyframes in{from{opacity:0;transform:translateY(8px)}}' +
    '.h{background:var(--c);color:#fff;padding:14px 16px;display:flex;align-items:center;gap:8px}' +
    '.h b{flex:1;font-weight:600;font-size:16px}.h button{color:#fff;font-size:20px;width:32px;height:32px;border-radius:6px}' +
    '.s{font-size:12px;color:#6b7280;padding:6px 16px;border-bottom:1px solid #f3f4f6;min-height:29px}' +
    '.l{flex:1;overflow-y:auto;padding:12px 16px;display:flex;flex-direction:column;gap:2px}' +
    '.m{max-width:80%;padding:8px 12px;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere;background:#f3f4f6;align-self:flex-start}' +
    '.m.u{background:var(--c);color:#fff;align-self:flex-end}.m.u a{color:#fff}' +
    '.m.y{align-self:center;background:none;color:#6b7280;font-size:12px;text-align:center;max-width:95%}' +
    '.m.q{opacity:.6}.m.x{outline:1px solid #dc2626}' +
    '.a{font-size:11px;color:#6b7280;margin-top:8px;padding:0 4px}.a.u{align-self:flex-end}' +
    '.t{font-size:12px;color:#6b7280;padding:0 16px 4px;min-height:18px}' +
    '.c{display:flex;gap:8px;padding:10px 12px;border-top:1px solid #e5e7eb}' +
    'textarea,input{flex:1;resize:none;border:1px solid #d1d5db;border-radius:8px;padding:8px 10px;background:#fff;min-width:0;width:100%}' +
    '.k{background:var(--c);color:#fff;border-radius:8px;padding:8px 14px;font-weight:600}' +
    '.lk{color:var(--c);text-decoration:underline;font-size:12px;padding:4px 16px 8px;text-align:left}' +
    'form{flex:1;overflow-y:auto;padding:12px 16px;display:flex;flex-direction:column;gap:8px}' +
    'label{font-size:12px;font-weight:600;display:flex;flex-direction:column;gap:3px}' +
    '.ot{font-size:13px;color:#4b5563}' +
    '.e{color:#b91c1c;font-size:12px;font-weight:400}.e:empty{display:none}' +
    '[hidden]{display:none!important}' +
    '.v{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}' +
    '@media (max-width:420px){.o .p{width:calc(100vw - 16px);height:calc(100vh - 96px)}.w{bottom:8px;' + (left ? 'left' : 'right') + ':8px}}' +
    '@media (prefers-reduced-motion:reduce){.w *{animation:none!important;transition:none!important}}';

  var title = data.title || 'Chat with us';
  var wrap = el('div', 'w');
  var panel = el('div', 'p');
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', title);
  var header = el('div', 'h');
  var heading = el('b', null, title);
  var closeButton = el('button', null, '×');
  closeButton.setAttribute('aria-label', T.close);
  header.append(heading, closeButton);
  var status = el('div', 's');
  var list = el('div', 'l');
  list.setAttribute('role', 'log');
  // The list is redrawn whole; new messages are announced once through the announcer instead.
  list.setAttribute('aria-live', 'off');
  var typingLine = el('div', 't');
  var composer = el('div', 'c');
  var input = el('textarea');
  input.rows = 1;
  input.placeholder = T.placeholder;
  input.setAttribute('aria-label', T.placeholder);
  input.maxLength = 10000;
  var sendButton = el('button', 'k', T.send);
  composer.append(input, sendButton);
  var formToggle = el('button', 'lk', T.leave);
  var offlineNote = el('p', 'ot');
  var form = buildForm();
  form.hidden = true;
  panel.append(header, status, list, typingLine, composer, formToggle, form);
  var bubble = el('button', 'b');
  bubble.append(chatIcon());
  bubble.setAttribute('aria-label', T.open);
  bubble.setAttribute('aria-expanded', 'false');
  var badge = el('span', 'n');
  badge.hidden = true;
  bubble.append(badge);
  var announcer = el('div', 'v');
  announcer.setAttribute('aria-live', 'polite');
  wrap.append(panel, bubble, announcer);
  root.append(style, wrap);

  function chatIcon() {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('width', '28');
    svg.setAttribute('height', '28');
    svg.setAttribute('aria-hidden', 'true');
    var path = document.createElementNS(ns, 'path');
    path.setAttribute('fill', 'currentColor');
    path.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z');
    svg.append(path);
    return svg;
  }

  function buildForm() {
    var f = el('form');
    f.noValidate = true;
    f.append(offlineNote);
    var fields = {};
    [['name', 'text', 200], ['email', 'email', 254], ['phone', 'tel', 50], ['message', 'textarea', 10000]].forEach(function (spec) {
      var label = el('label', null, T[spec[0]]);
      var field = spec[1] === 'textarea' ? el('textarea') : el('input');
      if (spec[1] !== 'textarea') field.type = spec[1];
      else field.rows = 3;
      field.name = spec[0];
      field.maxLength = spec[2];
      var error = el('span', 'e');
      error.id = 'e-' + spec[0];
      field.setAttribute('aria-describedby', error.id);
      label.append(field, error);
      f.append(label);
      fields[spec[0]] = { field: field, error: error };
    });
    var formError = el('div', 'e');
    formError.setAttribute('role', 'alert');
    var submit = el('button', 'k', T.submit);
    submit.type = 'submit';
    f.append(formError, submit);
    f.addEventListener('submit', function (event) {
      event.preventDefault();
      var values = {};
      var invalid = null;
      Object.keys(fields).forEach(function (key) {
        values[key] = fields[key].field.value.trim() || null;
        fields[key].error.textContent = '';
        fields[key].field.removeAttribute('aria-invalid');
      });
      formError.textContent = '';
      function fail(key, text) {
        fields[key].error.textContent = text;
        fields[key].field.setAttribute('aria-invalid', 'true');
        invalid = invalid || fields[key].field;
      }
      if (!values.email && !values.phone) fail('email', T.contact);
      if (values.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) fail('email', T.badEmail);
      if (values.phone && !/^\+?[0-9 ().-]{6,20}$/.test(values.phone)) fail('phone', T.badPhone);
      if (invalid) { invalid.focus(); return; }
      submit.disabled = true;
      request('POST', '/followups', values).then(function () {
        f.reset();
        showForm(false);
      }, function () {
        formError.textContent = T.failed;
      }).then(function () { submit.disabled = false; });
    });
    return f;
  }

  function showForm(show) {
    form.hidden = !show;
    list.hidden = composer.hidden = typingLine.hidden = show;
    formToggle.textContent = show ? T.back : T.leave;
    if (isOpen) (show ? form.querySelector('input') : input).focus();
  }

  function request(method, path, body) {
    var headers = { 'Content-Type': 'application/json' };
    if (creds) headers.Authorization = 'Visitor ' + creds.visitor_id + ':' + creds.visitor_secret;
    return fetch(api + path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined })
      .then(function (response) {
        if (!response.ok) {
          var error = new Error('HTTP ' + response.status);
          error.status = response.status;
          throw error;
        }
        return response.json();
      });
  }

  function setStatus(text) { status.textContent = text; }

  function onlineStatus(online) {
    staffOnline = online;
    setStatus(online ? T.online : T.away);
  }

  function setBadge() {
    badge.textContent = unread > 9 ? '9+' : String(unread);
    badge.hidden = unread === 0;
  }

  function linkify(node, text) {
    var pattern = /\bhttps?:\/\/[^\s<>"']+/gi;
    var index = 0;
    var match;
    while ((match = pattern.exec(text))) {
      node.append(text.slice(index, match.index));
      var a = el('a', null, match[0]);
      a.href = match[0];
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      node.append(a);
      index = match.index + match[0].length;
    }
    node.append(text.slice(index));
  }

  function time(iso) {
    var date = iso ? new Date(iso) : new Date();
    return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function ordered() {
    var all = Object.keys(messages).map(function (k) { return messages[k]; });
    all.sort(function (a, b) { return (a.seq || Infinity) - (b.seq || Infinity); });
    outbox.forEach(function (item) {
      if (!all.some(function (m) { return m.client_id === item.client_id; })) {
        all.push({ client_id: item.client_id, sender: 'user', text: item.text, pending: true, failed: item.failed });
      }
    });
    return all;
  }

  function render() {
    var atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    list.textContent = '';
    if (data.greeting) list.append(el('div', 'm y', data.greeting));
    var previous = null;
    ordered().forEach(function (m) {
      var author = m.sender === 'user' ? T.you : m.sender === 'staff' ? (m.author_name || T.staff) : '';
      if (m.sender !== 'system' && (!previous || previous.sender !== m.sender || previous.author !== author)) {
        list.append(el('div', 'a' + (m.sender === 'user' ? ' u' : ''), author + ' · ' + (m.pending ? (m.failed ? T.failed : T.sending) : time(m.created_at))));
      }
      var bubbleText = el('div', 'm' + (m.sender === 'user' ? ' u' : m.sender === 'system' ? ' y' : '') + (m.pending ? ' q' : '') + (m.failed ? ' x' : ''));
      bubbleText.setAttribute('data-seq', m.seq || '');
      linkify(bubbleText, m.text);
      if (m.failed) {
        bubbleText.tabIndex = 0;
        bubbleText.setAttribute('role', 'button');
        bubbleText.title = T.failed;
        bubbleText.addEventListener('click', retry.bind(null, m.client_id));
        bubbleText.addEventListener('keydown', function (event) { if (event.key === 'Enter') retry(m.client_id); });
      }
      list.append(bubbleText);
      previous = { sender: m.sender, author: author };
    });
    if (atBottom || !isOpen) list.scrollTop = list.scrollHeight;
  }

  function accept(message, live) {
    if (messages[message.id]) return;
    messages[message.id] = message;
    if (message.client_id) dropFromOutbox(message.client_id);
    if (live && message.sender !== 'user') {
      announcer.textContent = (message.author_name || '') + ': ' + message.text;
      if (!isOpen || document.hidden) { unread++; setBadge(); }
      staffTyping(false);
    }
  }

  function dropFromOutbox(clientId) {
    var before = outbox.length;
    outbox = outbox.filter(function (item) { return item.client_id !== clientId; });
    if (outbox.length !== before) writeStore();
  }

  function loadHistory() {
    return request('GET', '/messages?limit=200').then(function (page) {
      messages = {};
      page.data.forEach(function (m) { accept(m, false); });
      lastSeq = Math.max(lastSeq, page.stream_seq || 0);
      conversationStatus = page.conversation && page.conversation.status;
      render();
    });
  }

  function frame(type, payload, ref) {
    if (!ready && type !== 'hello' && type !== 'pong') return false;
    if (!socket || socket.readyState !== 1) return false;
    var out = { type: type, seq: null, data: payload || {} };
    if (ref) out.ref = ref;
    socket.send(JSON.stringify(out));
    return true;
  }

  function connect() {
    clearTimeout(retryTimer);
    var ws;
    try {
      ws = new WebSocket(api.replace(/^http/, 'ws') + '/stream');
    } catch (e) {
      socketLost();
      return;
    }
    socket = ws;
    ws.onopen = function () {
      frame('hello', { visitor_id: creds.visitor_id, visitor_secret: creds.visitor_secret, since: lastSeq });
    };
    ws.onmessage = function (event) {
      var f;
      try { f = JSON.parse(event.data); } catch (e) { return; }
      var d = f.data || {};
      if (f.type === 'ready') {
        ready = true;
        attempts = 0;
        everReady = true;
        readyAt = Date.now();
        stopPolling();
        onlineStatus(d.staff_online);
        flushOutbox();
      } else if (f.type === 'reset') {
        loadHistory();
      } else if (f.type === 'message.created') {
        accept(d, true);
        render();
      } else if (f.type === 'ack') {
        if (d.ok) {
          accept(d.result, false);
          render();
        } else if (d.error && d.error.code === 'rate_limited') {
          clearTimeout(flushTimer);
          flushTimer = setTimeout(flushOutbox, 5000);
        } else if (d.ref) {
          markFailed(d.ref);
        }
      } else if (f.type === 'typing') {
        staffTyping(d.state === 'start');
      } else if (f.type === 'presence.staff') {
        onlineStatus(d.staff_online);
      } else if (f.type === 'conversation.updated' && d.conversation) {
        followStatus(d.conversation);
      } else if (f.type === 'ping') {
        frame('pong');
      }
      if (f.seq > lastSeq) lastSeq = f.seq;
    };
    ws.onclose = function (event) {
      if (socket !== ws) return;
      socket = null;
      ready = false;
      if (event.code === 4401) { relogin(); return; }
      socketLost();
    };
  }

  function socketLost() {
    // A socket that stayed up a while was a real connection; a proxy that cuts every one never gets that far.
    if (readyAt && Date.now() - readyAt >= 30000) drops = 0;
    readyAt = 0;
    drops++;
    if (!everReady || drops >= 3) startPolling();
    if (!polling) setStatus(T.reconnecting);
    // Keep trying the socket, 1 s doubling to 30 s, with jitter so a restarted server is not stampeded.
    var delay = Math.min(30000, 1000 * Math.pow(2, attempts++));
    retryTimer = setTimeout(connect, delay / 2 + Math.random() * delay / 2);
  }

  function disconnect() {
    clearTimeout(retryTimer);
    stopPolling();
    if (!socket) return;
    var old = socket;
    socket = null;
    ready = false;
    old.close();
  }

  function relogin() {
    if (!creds) return;
    disconnect();
    creds = null;
    start();
  }

  function followStatus(conversation) {
    var status = conversation && conversation.status;
    if (status === 'escalated' && conversationStatus !== 'escalated') showForm(true);
    conversationStatus = status;
  }

  // Over REST until the socket works again: sends go by POST, news comes by polling after the last seq seen.
  function startPolling() {
    if (polling) return;
    polling = true;
    pollDelay = 2000;
    poll();
  }

  function stopPolling() {
    polling = false;
    pollBusy = postBusy = false;
    pollRound++;
    clearTimeout(pollTimer);
  }

  function schedulePoll(delay) {
    clearTimeout(pollTimer);
    pollTimer = setTimeout(poll, delay);
  }

  function pollSoon() {
    pollDelay = 2000;
    sentSincePoll = true;
    if (polling && !pollBusy) schedulePoll(pollDelay);
  }

  function poll() {
    clearTimeout(pollTimer);
    if (!polling || pollBusy || !creds) return;
    pollBusy = true;
    var round = pollRound;
    flushOutbox();
    request('GET', '/messages?after_seq=' + lastSeq + '&limit=' + POLL_PAGE).then(function (page) {
      // An answer from before the socket came back (or another identity) would move the cursor behind its back.
      if (round !== pollRound) return;
      pollBusy = false;
      onlineStatus(staffOnline);
      var fresh = 0;
      page.data.forEach(function (m) {
        if (!messages[m.id]) fresh++;
        accept(m, true);
        if (m.seq > lastSeq) lastSeq = m.seq;
      });
      var full = page.data.length === POLL_PAGE;
      if (!full) lastSeq = Math.max(lastSeq, page.stream_seq || 0);
      followStatus(page.conversation);
      render();
      // Idle: 2 s doubling to 10 s; a new message either way brings it back to 2 s.
      pollDelay = fresh || sentSincePoll ? 2000 : Math.min(10000, pollDelay * 2);
      sentSincePoll = false;
      schedulePoll(full ? 0 : pollDelay);
    }, function (error) {
      if (round !== pollRound) return;
      pollBusy = false;
      if (error.status === 401) { relogin(); return; }
      setStatus(T.reconnecting);
      pollDelay = Math.min(10000, pollDelay * 2);
      schedulePoll(pollDelay);
    });
  }

  // One POST at a time, in outbox order, so messages typed quickly keep their order on the server.
  function postNext() {
    var item = outbox.filter(function (i) { return !i.failed; })[0];
    if (!polling || postBusy || !item) return;
    postBusy = true;
    var round = pollRound;
    request('POST', '/messages', { client_id: item.client_id, text: item.text }).then(function (message) {
      if (round !== pollRound) return;
      postBusy = false;
      accept(message, false);
      dropFromOutbox(item.client_id);
      render();
      pollSoon();
      postNext();
    }, function (error) {
      if (round !== pollRound) return;
      postBusy = false;
      // Unreachable, 5xx or 429: it stays queued and the next poll sends it again with the same client_id.
      if (error.status === 401) relogin();
      else if (error.status >= 400 && error.status < 500 && error.status !== 429) { markFailed(item.client_id); postNext(); }
    });
  }

  function deliver(item) {
    if (!frame('message.send', { client_id: item.client_id, text: item.text }, item.client_id)) postNext();
  }

  function markFailed(clientId) {
    outbox.forEach(function (item) { if (item.client_id === clientId) item.failed = true; });
    writeStore();
    render();
  }

  function retry(clientId) {
    outbox.forEach(function (item) {
      if (item.client_id !== clientId) return;
      item.failed = false;
      deliver(item);
    });
    writeStore();
    render();
  }

  function flushOutbox() {
    if (!ready) { postNext(); return; }
    outbox.forEach(function (item) {
      if (!item.failed) frame('message.send', { client_id: item.client_id, text: item.text }, item.client_id);
    });
  }

  function newClientId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join('');
  }

  function send() {
    var text = input.value.trim();
    if (!text) return;
    input.value = '';
    var item = { client_id: newClientId(), text: text };
    outbox.push(item);
    writeStore();
    render();
    list.scrollTop = list.scrollHeight;
    clearTimeout(typingStopTimer);
    if (lastTypingSent) frame('typing', { state: 'stop' });
    lastTypingSent = 0;
    deliver(item);
  }

  function staffTyping(on) {
    clearTimeout(staffTypingTimer);
    typingLine.textContent = on ? T.staff + ' ' + T.typing : '';
    // A start nobody stops (a closed staff app) must not linger: receivers expire it after 6 s.
    if (on) staffTypingTimer = setTimeout(function () { staffTyping(false); }, 6000);
  }

  function typed() {
    var now = Date.now();
    if (now - lastTypingSent > 2000 && frame('typing', { state: 'start' })) lastTypingSent = now;
    clearTimeout(typingStopTimer);
    typingStopTimer = setTimeout(function () { lastTypingSent = 0; frame('typing', { state: 'stop' }); }, 3000);
  }

  function adopt(saved) {
    creds = { visitor_id: saved.visitor_id, visitor_secret: saved.visitor_secret };
    outbox = saved.outbox || [];
  }

  function start() {
    started = true;
    var saved = readStore();
    var body = { site_key: siteKey };
    if (creds || saved) {
      adopt(creds ? { visitor_id: creds.visitor_id, visitor_secret: creds.visitor_secret, outbox: outbox } : saved);
      body.visitor_id = creds.visitor_id;
      body.visitor_secret = creds.visitor_secret;
    }
    var savedCreds = creds;
    creds = null;
    return request('POST', '/sessions', body).then(function (session) {
      // Sends queued for an identity the server no longer accepts would land in a stranger's conversation.
      if (savedCreds && session.visitor_id !== savedCreds.visitor_id) outbox = [];
      creds = session;
      writeStore();
      return loadHistory();
    }).then(connect, function () {
      started = false;
      setStatus(T.reconnecting);
      retryTimer = setTimeout(start, 5000);
    });
  }

  function loadConfig() {
    return fetch(api + '/config?site_key=' + encodeURIComponent(siteKey)).then(function (r) { return r.json(); }).then(function (c) {
      config = c;
      if (!data.title && c.title) heading.textContent = c.title;
      if (!data.color && /^#[0-9a-f]{3,8}$/i.test(c.primary_color || '')) wrap.style.setProperty('--c', c.primary_color);
      onlineStatus(c.online);
      offlineNote.textContent = (!c.online && c.texts && c.texts.offline) || '';
      if (!c.online) showForm(true);
    }, function () { /* the chat still works without the tenant's cosmetics */ });
  }

  function open() {
    isOpen = true;
    wrap.classList.add('o');
    bubble.setAttribute('aria-expanded', 'true');
    unread = 0;
    setBadge();
    if (!config) loadConfig();
    if (!started) start();
    input.focus();
    list.scrollTop = list.scrollHeight;
  }

  function close() {
    isOpen = false;
    wrap.classList.remove('o');
    bubble.setAttribute('aria-expanded', 'false');
    bubble.focus();
  }

  bubble.addEventListener('click', function () { if (isOpen) close(); else open(); });
  closeButton.addEventListener('click', close);
  formToggle.addEventListener('click', function () { showForm(form.hidden); });
  sendButton.addEventListener('click', function () { send(); input.focus(); });
  panel.addEventListener('keydown', function (event) { if (event.key === 'Escape') close(); });
  input.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });
  input.addEventListener('input', typed);
  render();
  // Another tab of the same visitor: share its identity and outbox, so both show one conversation.
  window.addEventListener('storage', function (event) {
    if (event.key !== storeKey || !event.newValue) return;
    var saved = readStore();
    if (!saved) return;
    if (!creds || creds.visitor_id !== saved.visitor_id) {
      adopt(saved);
      disconnect();
      start();
    } else {
      outbox = saved.outbox || [];
      render();
    }
  });

  function mount() {
    document.body.append(host);
    if (readStore()) start();
  }
  if (document.body) mount(); else document.addEventListener('DOMContentLoaded', mount);
})();
