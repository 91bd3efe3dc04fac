import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Plain Vite + Svelte; the Tauri shell loads http://localhost:1420 in dev and ui/dist in release.
export default defineConfig({
  plugins: [svelte()],
  base: './',
  clearScreen: false,
  // Component tests mount Svelte in jsdom, which needs the browser build of svelte.
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
  server: {
    port: 1420,
    strictPort: true,
    // The Fluent files live in ../locales, shared with the Rust core.
    fs: { allow: ['..'] },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2021',
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
