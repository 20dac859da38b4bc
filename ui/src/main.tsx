// Entry point: picks the transport (the development mock only in `--mode mock`) and renders.

import { render } from 'preact';
import { App } from './app';
import { setTransport } from './api/transport';
import './styles.css';

async function start() {
  if (import.meta.env.MODE === 'mock') {
    const { mockTransport } = await import('./api/mock');
    setTransport(mockTransport());
  }
  render(<App />, document.getElementById('app')!);
}

void start();
