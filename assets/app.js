// app.js: small progressive enhancements; every page works without it.
'use strict';
document.addEventListener('DOMContentLoaded', function () {
  // Focus the search box when a search was made, so the keyboard stays up.
  var q = document.getElementById('q');
  if (q && q.value) q.focus();
  // Disable a form's button while it is being sent, so a slow network does
  // not tempt a second tap.
  document.querySelectorAll('form[method=post]').forEach(function (f) {
    f.addEventListener('submit', function () {
      var b = f.querySelector('button[type=submit]');
      if (b) setTimeout(function () { b.disabled = true; }, 0);
    });
  });
});
// The print button of printable documents (inline handlers are not allowed).
document.addEventListener('click', function (e) {
  if (e.target && e.target.hasAttribute && e.target.hasAttribute('data-print')) window.print();
});
