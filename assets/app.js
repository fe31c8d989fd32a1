// app.js: small progressive enhancements; every page works without it.
'use strict';
document.addEventListener('DOMContentLoaded', function () {
  // Focus the search box when a search was made, so the keyboard stays up.
  var q = document.getElementById('q');
  if (q && q.value) q.focus();
  // Disable a form's button while it is being sent, so a slow network does
  // not tempt a second tap.
  document.querySelectorAll('form[method=post]').forEach(function (f) {
    f.addEventListener('submit', function (e) {
      if (e.defaultPrevented) return; // not sent after all
      var b = f.querySelector('button[type=submit]');
      if (b) setTimeout(function () { b.disabled = true; }, 0);
    });
  });
});
// The print button of printable documents (inline handlers are not allowed).
document.addEventListener('click', function (e) {
  if (e.target && e.target.hasAttribute && e.target.hasAttribute('data-print')) window.print();
});

// Files larger than an input's data-max-bytes are refused before they are
// sent: on a slow connection the upload would be wasted.
document.addEventListener('change', function (e) {
  var input = e.target;
  if (!input || input.type !== 'file' || !input.dataset.maxBytes) return;
  var f = input.files && input.files[0];
  input.setCustomValidity(f && f.size > Number(input.dataset.maxBytes) ? input.dataset.tooLarge || 'Too large' : '');
  input.reportValidity();
});
// Copy buttons: copy the text of the element named by data-copy-target.
document.addEventListener('click', function (e) {
  var id = e.target && e.target.getAttribute && e.target.getAttribute('data-copy-target');
  if (!id) return;
  var el = document.getElementById(id);
  el.select();
  if (navigator.clipboard) navigator.clipboard.writeText(el.value); else document.execCommand('copy');
});
// The report form: Enter moves to the next box instead of sending a half
// filled report; sending with empty boxes asks first (the text comes from
// the form's data-empty, in the page's language).
document.addEventListener('keydown', function (e) {
  var t = e.target;
  if (e.key !== 'Enter' || t.tagName !== 'INPUT' || !t.form || !t.form.classList.contains('report')) return;
  e.preventDefault();
  var boxes = Array.prototype.filter.call(t.form.elements, function (el) {
    return el.tagName === 'INPUT' && el.type !== 'hidden' && !el.disabled;
  });
  var next = boxes[boxes.indexOf(t) + 1] || t.form.querySelector('button[type=submit]');
  if (next) next.focus();
});
document.addEventListener('submit', function (e) {
  var f = e.target;
  if (!f.classList.contains('report') || !e.submitter || e.submitter.value !== 'submit') return;
  var empty = Array.prototype.filter.call(f.elements, function (el) {
    return el.tagName === 'INPUT' && el.type !== 'hidden' && !el.disabled && el.value.trim() === '';
  }).length;
  if (empty && !window.confirm(f.dataset.empty.replace('%d', empty))) {
    e.preventDefault();
    e.stopPropagation();
  }
}, true);
