// An enhancement only: with JavaScript off, the server checks everything and shows the errors.
// Before sending, the browser's own checks of the proposal form mark each wrong field in the DSFR's
// error state, with the browser's message next to it, and move the focus to the first one. Nothing
// moves while the person types or clicks: a message that vanished on change would shift the layout under
// the pointer.
document.addEventListener('DOMContentLoaded', function () {
  var form = document.querySelector('form[data-enhance="proposal"]');
  if (!form) return;

  function mark(field) {
    var group = field.closest('.fr-input-group');
    if (!group) return;
    var id = field.id + '-error';
    var message = document.getElementById(id);
    if (field.validity.valid) {
      group.classList.remove('fr-input-group--error');
      field.classList.remove('fr-input--error');
      field.removeAttribute('aria-invalid');
      if (message) message.remove();
      return;
    }
    group.classList.add('fr-input-group--error');
    field.classList.add('fr-input--error');
    field.setAttribute('aria-invalid', 'true');
    if (!message) {
      message = document.createElement('p');
      message.id = id;
      message.className = 'fr-error-text';
      group.appendChild(message);
      var described = (field.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
      if (described.indexOf(id) < 0) field.setAttribute('aria-describedby', described.concat(id).join(' '));
    }
    message.textContent = field.validationMessage;
  }

  var fields = form.querySelectorAll('input.fr-input, textarea.fr-input');
  form.addEventListener('submit', function (event) {
    var first = null;
    for (var i = 0; i < fields.length; i++) {
      mark(fields[i]);
      if (!first && !fields[i].validity.valid) first = fields[i];
    }
    if (!first) return;
    event.preventDefault();
    first.focus();
  });
});
