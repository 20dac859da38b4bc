// Vite config of the Fossa Sync UI: Preact via the automatic JSX runtime (no plugin needed),
// output in ui/dist, relative asset paths so the same build works in Tauri and under the daemon.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  base: './',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    // `npm run dev` against a running `fossa-sync daemon --http 127.0.0.1:8787`.
    proxy: { '/api': 'http://127.0.0.1:8787', '/login': 'http://127.0.0.1:8787' },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
