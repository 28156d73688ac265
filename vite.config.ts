/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { bootPreload } from './scripts/build/boot-preload.ts';
import { ocrModel, ocrModelPath } from './scripts/build/ocr-model.ts';
import { precompress } from './scripts/build/precompress.ts';

/**
 * Every build carries an id in index.html, so a new build always changes the precache manifest and the
 * service worker notices it. BUILD_ID may be set by CI or tests; otherwise the build time is used.
 */
const buildId = process.env.BUILD_ID ?? new Date().toISOString();
const buildIdMeta: Plugin = {
  name: 'suishen-build-id',
  transformIndexHtml: () => [{ tag: 'meta', attrs: { name: 'suishen-build', content: buildId }, injectTo: 'head' }],
};

export default defineConfig({
  root: 'app',
  publicDir: '../public',
  envDir: '..',
  plugins: [
    react(),
    buildIdMeta,
    bootPreload(),
    ocrModel(),
    VitePWA({
      // The app asks before it updates (app/shell/update-prompt.tsx, useRegisterSW): never a reload mid-check.
      registerType: 'prompt',
      injectRegister: false,
      strategies: 'generateSW',
      manifest: {
        id: '/',
        name: '随申码 Suishen Wallet',
        short_name: '随申码',
        description: '随申码 · 离线可用的健康码钱包',
        lang: 'zh-CN',
        dir: 'ltr',
        display: 'standalone',
        orientation: 'portrait',
        start_url: '/',
        scope: '/',
        theme_color: '#1a66d6',
        background_color: '#eef2f7',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Every chunk, lazy ones included, so a feature first opened offline still loads.
        // The passport reader's English model (scripts/build/ocr-model.ts) too: a .gz by name, unlike the build's precompressed copies.
        globPatterns: ['**/*.{js,css,html,png,svg,wasm,webmanifest,txt}', ocrModelPath],
        // Tesseract's WebAssembly core, embedded in its script, is the largest file (3.9 MB); the model is 2.9 MB.
        maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
        navigateFallback: '/index.html',
        // The API must fail honestly offline, never answer with the shell.
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // The first install controls the open page at once, so it works offline without a reload;
        // later builds still wait for the prompt (skipWaiting stays false).
        clientsClaim: true,
        skipWaiting: false,
      },
    }),
    precompress(),
  ],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    // The client's own modules live in app/api/ too, so Vite serves them at /api/*.ts: only the rest goes to the server.
    proxy: { '^/api/(?![^?]*\\.tsx?(?:\\?|$))': 'http://localhost:8080' },
  },
  test: {
    root: '.',
    environment: 'node',
    // Server tests do real work (photos, real databases); a shared or slow machine must not fail them on time alone.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The server suite runs twice: over SQLite with everything else, then over a real PostgreSQL server
    // that the run starts and removes itself (testing/server/postgres-setup.ts).
    projects: [
      {
        extends: true,
        test: { name: 'sqlite', include: ['app/**/*.test.{ts,tsx}', 'core/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts', 'testing/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['server/**/*.test.ts'],
          exclude: ['server/services/**'],
          env: { TEST_DATABASE: 'postgres' },
          globalSetup: ['testing/server/postgres-setup.ts'],
        },
      },
    ],
  },
});
