// The staff stream (PROTOCOL.md §C.7): hello with the token, resume by seq after every reconnect, reset → reload.

const MAX_BACKOFF_MS = 30000;

export class StaffStream {
  constructor(api) {
    this.api = api;
    this.listeners = new Set();
    this.statusListeners = new Set();
    this.lastSeq = null;
    this.socket = null;
    this.backoff = 1000;
    this.stopped = true;
    this.status = 'offline';
  }

  /** Calls fn(type, data, seq) for every event; returns the function that unsubscribes. */
  subscribe(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  onStatus(fn) {
    this.statusListeners.add(fn);
    fn(this.status);
    return () => this.statusListeners.delete(fn);
  }

  /** Connects and resolves once the first `ready` (or `reset`) arrives, or after a few seconds without one. */
  start() {
    this.stopped = false;
    return new Promise((resolve) => {
      this.firstReady = resolve;
      setTimeout(resolve, 5000);
      this.connect();
    });
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    if (this.socket) this.socket.close(1000, 'signed out');
    this.socket = null;
    this.lastSeq = null;
    this.backoff = 1000;
    this.setStatus('offline');
    this.statusListeners.clear();
  }

  /** Sends a client frame when the stream is live; ephemeral frames (typing) are simply dropped otherwise. */
  send(type, data) {
    if (this.socket && this.status === 'live' && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify({ type, seq: null, data }));
    }
  }

  connect() {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(`${scheme}//${location.host}/api/v1/stream`);
    this.socket = socket;
    this.setStatus('connecting');
    socket.onopen = () => {
      const data = { token: this.api.token };
      if (this.lastSeq !== null) data.since = this.lastSeq;
      socket.send(JSON.stringify({ type: 'hello', seq: null, data }));
    };
    socket.onmessage = (event) => this.receive(socket, event.data);
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.stopped) return;
      if (event.code === 4401) {
        this.setStatus('offline');
        this.api.forget();
        this.api.onUnauthorized();
        return;
      }
      this.setStatus('reconnecting');
      const delay = this.backoff / 2 + Math.random() * this.backoff / 2;
      this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
      this.retryTimer = setTimeout(() => this.connect(), delay);
    };
  }

  receive(socket, text) {
    let frame;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    const { type, seq, data } = frame;
    if (type === 'ping') {
      socket.send(JSON.stringify({ type: 'pong', seq: null, data: {} }));
      return;
    }
    if (type === 'ready' || type === 'reset') {
      this.backoff = 1000;
      if (this.lastSeq === null || type === 'reset') this.lastSeq = data.head_seq;
      this.setStatus('live');
      if (this.firstReady) {
        this.firstReady();
        this.firstReady = null;
      }
    }
    if (typeof seq === 'number' && (this.lastSeq === null || seq > this.lastSeq)) this.lastSeq = seq;
    for (const listener of this.listeners) {
      try {
        listener(type, data || {}, seq);
      } catch (error) {
        console.error(error);
      }
    }
  }

  setStatus(status) {
    this.status = status;
    for (const fn of this.statusListeners) fn(status);
  }
}
