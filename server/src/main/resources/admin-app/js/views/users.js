// Users (admin): list, create, change role, deactivate or reactivate, reset password.

import { h, label, notice, option, replaceChildren, timeElement } from '../dom.js';

export function usersView(ctx) {
  const { api, me } = ctx;
  let users = [];
  const error = notice('error');
  const info = notice('info');
  const body = h('tbody');

  const email = h('input', { type: 'email', name: 'email', required: true, autocomplete: 'off' });
  const name = h('input', { type: 'text', name: 'name', required: true, autocomplete: 'off' });
  const role = h('select', { name: 'role' }, option('staff', 'Staff'), option('admin', 'Admin'));
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'new-password', minlength: 10,
    placeholder: 'Leave empty to generate one' });
  const createError = notice('error');
  const create = h('form', {
    class: 'filters create-user',
    onsubmit: async (event) => {
      event.preventDefault();
      createError.show('');
      info.show('');
      const request = { email: email.value.trim(), name: name.value.trim(), role: role.value };
      if (password.value) request.password = password.value;
      try {
        const created = await api.post('/api/v1/users', request);
        create.reset();
        info.show(created.initial_password
          ? `${created.name} can sign in with the password ${created.initial_password} (shown only now).`
          : `${created.name} was added.`);
        load();
      } catch (e) {
        createError.show(describe(e));
      }
    },
  }, label('Email', email), label('Name', name), label('Role', role), label('Password', password),
  h('button', { type: 'submit', class: 'primary' }, 'Add user'));

  const element = h('section', { class: 'page' },
    h('h1', {}, 'Users'),
    info.element, error.element,
    h('div', { class: 'table-scroll' }, h('table', { class: 'users' },
      h('thead', {}, h('tr', {}, ['Name', 'Email', 'Role', 'Status', 'Last sign-in', 'Actions']
        .map((text) => h('th', { scope: 'col' }, text)))),
      body)),
    h('section', { class: 'panel' }, h('h2', {}, 'Add a user'), create, createError.element));

  async function load() {
    try {
      users = (await api.get('/api/v1/users')).data;
      replaceChildren(body, users.map(row));
    } catch (e) {
      error.show(e.message);
    }
  }

  function row(user) {
    const self = user.id === String(me.id);
    const roleSelect = h('select', {
      'aria-label': `Role of ${user.name}`,
      onchange: () => update(user, { role: roleSelect.value }),
    }, option('staff', 'Staff', user.role === 'staff'), option('admin', 'Admin', user.role === 'admin'));
    return h('tr', { dataset: { id: user.id }, class: user.active ? '' : 'inactive' },
      h('th', { scope: 'row' }, user.name, self ? ' (you)' : '', user.online ? h('span', { class: 'tag online' }, 'Online') : null),
      h('td', {}, user.email),
      h('td', {}, roleSelect),
      h('td', {}, user.active ? 'Active' : 'Deactivated'),
      h('td', {}, user.last_login_at ? timeElement(user.last_login_at) : 'Never'),
      h('td', { class: 'row-actions' },
        h('button', { type: 'button', class: user.active ? 'danger' : '', onclick: () => update(user, { active: !user.active }) },
          user.active ? 'Deactivate' : 'Reactivate'),
        h('button', { type: 'button', onclick: () => resetPassword(user) }, 'Reset password')));
  }

  async function update(user, changes) {
    error.show('');
    info.show('');
    if (changes.active === false && !confirm(`Deactivate ${user.name}? They are signed out at once.`)) return;
    try {
      await api.patch(`/api/v1/users/${encodeURIComponent(user.id)}`, changes);
      info.show(`${user.name} was updated.`);
    } catch (e) {
      error.show(e.code === 'last_admin' ? 'A tenant needs at least one active admin.' : describe(e));
    }
    load();
  }

  async function resetPassword(user) {
    error.show('');
    info.show('');
    if (!confirm(`Reset the password of ${user.name}? Their sessions end.`)) return;
    try {
      const reply = await api.post(`/api/v1/users/${encodeURIComponent(user.id)}/password`, {});
      info.show(reply && reply.initial_password
        ? `New password for ${user.name}: ${reply.initial_password} (shown only now).`
        : `The password of ${user.name} was reset.`);
    } catch (e) {
      error.show(describe(e));
    }
  }

  load();
  return { title: 'Users', element };
}

function describe(error) {
  const reasons = Object.entries(error.fields || {}).map(([field, reason]) => `${field} ${reason}`);
  return reasons.length ? `${error.message}: ${reasons.join('; ')}` : error.message;
}
