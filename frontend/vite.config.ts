/// <reference types="vitest/config" />
import { fileURLToPath, URL } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The dev server proxies the API, the webhooks and the probes to `make run` on :8000.
const backend = process.env.ATRIUM_BACKEND ?? "http://127.0.0.1:8000";
const proxied = ["/api", "/webhooks", "/healthz", "/readyz"];

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
  server: {
    port: 5173,
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: backend, changeOrigin: false }])),
  },
  build: { outDir: "dist", sourcemap: false, chunkSizeWarningLimit: 400 },
  test: {
    environment: "jsdom",
    setupFiles: ["src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    css: false,
  },
});
