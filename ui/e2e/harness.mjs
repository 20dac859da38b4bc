// Process and HTTP helpers of the browser tests: free ports, child processes that are always
// stopped (by their own pid), waiting for a server, running a command to completion.

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';

const children = new Set();

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a long-running child; its output is kept (last 200 lines) for the failure report.
 * `onLine` sees each output line (to pick up the daemon's login URL).
 */
export function start(name, command, args, options = {}) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  const keep = (chunk) => {
    for (const line of String(chunk).split('\n')) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > 200) lines.shift();
      options.onLine?.(line);
      if (process.env.E2E_VERBOSE) console.log(`[${name}] ${line}`);
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const handle = { name, child, lines, exited: null };
  child.on('exit', (code, signal) => {
    handle.exited = { code, signal };
  });
  children.add(handle);
  return handle;
}

/** Stops one child: SIGTERM, then SIGKILL after `graceMs`. */
export async function stop(handle, graceMs = 5000) {
  children.delete(handle);
  if (handle.exited || handle.child.exitCode !== null) return;
  const done = new Promise((resolve) => handle.child.once('exit', resolve));
  handle.child.kill('SIGTERM');
  const timer = setTimeout(() => handle.child.kill('SIGKILL'), graceMs);
  await done;
  clearTimeout(timer);
}

export async function stopAll() {
  await Promise.all([...children].map((h) => stop(h)));
}

/** Runs a command to its end; resolves with {code, stdout, stderr}. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
      if (options.echo) process.stdout.write(c);
    });
    child.stderr.on('data', (c) => {
      stderr += c;
      if (options.echo) process.stderr.write(c);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Waits until `url` answers anything below 500, or the child died, or `timeoutMs` passed. */
export async function waitForHttp(url, handle, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (handle?.exited) {
      throw new Error(`${handle.name} exited (${JSON.stringify(handle.exited)}) before ${url} answered:\n${handle.lines.slice(-30).join('\n')}`);
    }
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status < 500) return response;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error.message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${last})`);
}

/** The first of `paths` that exists. */
export function firstExisting(paths) {
  return paths.find((p) => p && existsSync(p)) ?? null;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a truthy value; throws `message` after `timeoutMs`. */
export async function until(probe, message, timeoutMs = 15000, everyMs = 100) {
  const deadline = Date.now() + timeoutMs;
  let lastError = null;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(everyMs);
  }
  throw new Error(`${message} (waited ${timeoutMs} ms${lastError ? `; last error: ${lastError.message}` : ''})`);
}
