// Every piece of data reaches the page as a text node or a property: never as markup.

/** Creates an element: h('button', {class: 'primary', onclick: fn, disabled: true}, 'Send'). */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') element.className = value;
    else if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (key in element && typeof value !== 'string') element[key] = value;
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** Appends children: strings and numbers become text nodes; null, undefined and false are skipped. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

export function replaceChildren(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** A server timestamp for people: the time alone when it is today. */
export function formatTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const today = new Date();
  return date.toDateString() === today.toDateString() ? timeOnly.format(date) : dateTime.format(date);
}

export function timeElement(iso) {
  return h('time', { datetime: iso || '', title: iso ? new Date(iso).toString() : '' }, formatTime(iso));
}

/** A message region that screen readers announce; empty text hides it. */
export function notice(kind) {
  const element = h('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status', hidden: true });
  return {
    element,
    show(text) {
      element.textContent = text || '';
      element.hidden = !text;
    },
  };
}

export function label(text, control) {
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, text), control);
}

export function option(value, text, selected) {
  return h('option', { value, selected: !!selected }, text);
}
