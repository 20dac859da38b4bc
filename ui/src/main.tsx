// Entry point: picks the transport (the development mock only in `--mode mock`) and renders.
// The locale guard comes first: it must run before any library module is evaluated. Until
// <html data-started> is set, public/boot.js turns a failed start into a visible error.

import './localeGuard';
import { render } from 'preact';
import { App } from './app';
import { setTransport } from './api/transport';
import './styles.css';

async function start() {
  if (import.meta.env.MODE === 'mock') {
    const { mockTransport } = await import('./api/mock');
    setTransport(mockTransport());
  }
  const root = document.getElementById('app');
  if (!root) throw new Error('The page has no #app element.');
  root.replaceChildren(); // the "Starting…" placeholder of index.html
  render(<App />, root);
  document.documentElement.setAttribute('data-started', '');
}

void start();
