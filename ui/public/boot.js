// Fossa Sync's start guard, a classic script that runs before the app's module: if the module
// cannot load, throws before its first render, or has not rendered after 20 s, the window shows
// what went wrong instead of staying blank. The app marks <html data-started> once it has rendered;
// after that this script does nothing. Text only (textContent), never HTML.
(function () {
  'use strict';
  var LIMIT_MS = 20000;
  var first = null;

  function started() {
    return document.documentElement.hasAttribute('data-started');
  }

  function describe(event) {
    var target = event && event.target;
    if (target && target !== window && target.tagName) {
      return 'Could not load ' + (target.src || target.href || target.tagName.toLowerCase()) + '.';
    }
    var error = event && (event.error || event.reason);
    if (error && error.name && error.message) return error.name + ': ' + error.message;
    if (event && event.message) return event.message;
    return String(error || 'Unknown error.');
  }

  function show(reason) {
    if (started()) return;
    first = first || reason;
    var root = document.getElementById('app');
    if (!root) {
      document.addEventListener('DOMContentLoaded', function () { show(first); });
      return;
    }
    var box = document.createElement('div');
    box.className = 'boot boot-error';
    box.setAttribute('role', 'alert');
    var title = document.createElement('h1');
    title.textContent = 'Fossa Sync could not show this window';
    var detail = document.createElement('pre');
    detail.className = 'pre-wrap';
    detail.textContent = first;
    var hint = document.createElement('p');
    hint.className = 'muted';
    hint.textContent = 'Syncing is not affected. Close this window and open it again (in the '
      + 'desktop app: from the tray); if this stays, report the message above.';
    box.appendChild(title);
    box.appendChild(detail);
    box.appendChild(hint);
    root.replaceChildren(box);
  }

  window.addEventListener('error', function (event) { show(describe(event)); }, true);
  window.addEventListener('unhandledrejection', function (event) { show(describe(event)); });
  setTimeout(function () {
    show('The window did not start within ' + LIMIT_MS / 1000 + ' seconds.');
  }, LIMIT_MS);
})();
