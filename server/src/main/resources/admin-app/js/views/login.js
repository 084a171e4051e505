import { h, label, notice } from '../dom.js';

export function loginView({ api, message, onSignedIn }) {
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const error = notice('error');
  const info = notice('info');
  info.show(message);

  const form = h('form', {
    class: 'login-form',
    onsubmit: async (event) => {
      event.preventDefault();
      error.show('');
      submit.disabled = true;
      try {
        await api.login(email.value.trim(), password.value);
        await onSignedIn();
      } catch (e) {
        error.show(e.status === 401 ? 'Wrong email or password.'
          : e.status === 429 ? `Too many attempts. Try again in ${minutes(e.retryAfter)}.`
            : e.message);
        password.select();
      } finally {
        submit.disabled = false;
      }
    },
  }, label('Email', email), label('Password', password), error.element, submit);

  const element = h('main', { id: 'main', class: 'login' },
    h('section', { class: 'login-card' },
      h('h1', {}, 'Omnichat'),
      h('p', { class: 'muted' }, 'Sign in to answer conversations.'),
      info.element,
      form));
  return { element, focus: () => email.focus() };
}

function minutes(retryAfter) {
  const seconds = Number(retryAfter);
  if (!seconds) return 'a few minutes';
  const rounded = Math.max(1, Math.ceil(seconds / 60));
  return rounded === 1 ? 'a minute' : `${rounded} minutes`;
}
