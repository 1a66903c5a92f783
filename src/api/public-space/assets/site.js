// An enhancement only: with JavaScript off, the server checks everything and shows the errors.
// Before sending, the browser's own checks of the proposal form mark the first wrong field.
document.addEventListener('DOMContentLoaded', function () {
  var form = document.querySelector('form[data-enhance="proposal"]');
  if (!form) return;
  form.addEventListener('submit', function (event) {
    var invalid = form.querySelector('input:invalid, textarea:invalid');
    if (!invalid) return;
    event.preventDefault();
    var group = invalid.closest('.fr-input-group');
    if (group) group.classList.add('fr-input-group--error');
    invalid.setAttribute('aria-invalid', 'true');
    invalid.focus();
  });
});
