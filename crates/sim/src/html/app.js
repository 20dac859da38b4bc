// Fossa Sync's simulated WorkFossa: the work-order list's application script (application
// mode). Hand-written, no framework, no build step; served as /build/js/app.3f9c2a1b.js.
//
// - On load (and on back/forward), #app shows only <div class="loader-line"> for
//   data-render-delay milliseconds, then the script fetches #app's data-fragment (a location
//   page's equipment) or else /app/api/work/list, with the page's query string, and puts the
//   answer (the page's #app content) into #app.
// - 401 (session gone): location.href = '/login'. Another failure: a
//   div.alert.alert-danger.load-error with data-status (0 when the request broke).
// - #app's data-state is "loading", "ready" or "error" (a hint for readers and tests).
// - The list paginator's a.prev-page / a.next-page / a.page-link inside
//   div.paginator-wrapper turn pages (history.pushState with ?page=N, then load again);
//   disabled links and pages out of range do nothing.

const FRAGMENT_PATH = '/app/api/work/list';
const LOGIN_PATH = '/login';
const PAGE_LINKS = 'a.next-page, a.prev-page, a.page-link';

const app = document.getElementById('app');
// Bumped by every load; an older load that finishes late does not render.
let generation = 0;

// The page's fragment endpoint: #app's data-fragment (a location page), else the list's.
function fragmentPath() {
  return app.getAttribute('data-fragment') || FRAGMENT_PATH;
}

function renderDelay() {
  const ms = parseInt(app.getAttribute('data-render-delay') || '0', 10);
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

function currentPage() {
  const page = parseInt(new URLSearchParams(location.search).get('page') || '1', 10);
  return Number.isFinite(page) && page >= 1 ? page : 1;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function showLoader() {
  app.setAttribute('data-state', 'loading');
  app.innerHTML = '<div class="loader-line"></div>';
}

function showError(status) {
  app.setAttribute('data-state', 'error');
  const block = document.createElement('div');
  block.className = 'alert alert-danger load-error';
  block.setAttribute('data-status', String(status));
  block.textContent = status
    ? 'The work orders could not be loaded (' + status + ').'
    : 'The work orders could not be loaded.';
  app.replaceChildren(block);
}

function isLoginUrl(url) {
  try {
    return new URL(url, location.href).pathname === LOGIN_PATH;
  } catch (e) {
    return false;
  }
}

async function load() {
  const mine = ++generation;
  showLoader();
  await sleep(renderDelay());
  if (mine !== generation) return;
  try {
    const response = await fetch(fragmentPath() + location.search, {
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { Accept: 'text/html', 'X-Requested-With': 'XMLHttpRequest' },
    });
    if (mine !== generation) return;
    if (response.status === 401 || (response.redirected && isLoginUrl(response.url))) {
      location.href = LOGIN_PATH;
      return;
    }
    if (!response.ok) {
      showError(response.status);
      return;
    }
    const html = await response.text();
    if (mine !== generation) return;
    app.innerHTML = html;
    app.setAttribute('data-state', 'ready');
  } catch (e) {
    if (mine === generation) showError(0);
  }
}

// The last page the length-aware paginator links to (null when it shows no page links).
function lastPage(wrapper) {
  let last = null;
  for (const link of wrapper.querySelectorAll('a.page-link')) {
    const n = parseInt(link.textContent.trim(), 10);
    if (Number.isFinite(n) && (last === null || n > last)) last = n;
  }
  return last;
}

function targetPage(link, page) {
  if (link.classList.contains('next-page')) return page + 1;
  if (link.classList.contains('prev-page')) return page - 1;
  return parseInt(link.textContent.trim(), 10);
}

function onClick(event) {
  const link = event.target instanceof Element ? event.target.closest(PAGE_LINKS) : null;
  if (!link || !app.contains(link)) return;
  const wrapper = link.closest('.paginator-wrapper');
  // The top bar's notifications modal has its own prev/next: not the list's.
  if (!wrapper) return;
  event.preventDefault();
  if (link.classList.contains('disabled')) return;
  const page = currentPage();
  const target = targetPage(link, page);
  const last = lastPage(wrapper);
  if (!Number.isFinite(target) || target < 1 || target === page) return;
  if (last !== null && target > last) return;
  const params = new URLSearchParams(location.search);
  params.set('page', String(target));
  history.pushState({ page: target }, '', location.pathname + '?' + params.toString());
  load();
}

if (app) {
  // Delegated on #app, so it survives every re-render of its content.
  app.addEventListener('click', onClick);
  window.addEventListener('popstate', () => load());
  load();
}
