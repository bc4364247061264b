/// <reference types="vitest/config" />
import { fileURLToPath, URL } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

// The dev server proxies the API, the webhooks and the probes to `make run` on :8000.
const backend = process.env.ATRIUM_BACKEND ?? "http://127.0.0.1:8000";
const proxied = ["/api", "/webhooks", "/healthz", "/readyz"];

/**
 * Preload the landing page's code with the entry (`<link rel="modulepreload">` in index.html):
 * agents open the inbox first, so its chunks download in parallel with the entry instead of
 * after it has run.
 */
function preloadLandingPage(page: string): Plugin {
  return {
    name: "atrium:preload-landing-page",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, { bundle }) {
        if (!bundle) return;
        const closure = (name: string, seen = new Set<string>()): Set<string> => {
          const chunk = bundle[name];
          if (seen.has(name) || !chunk || chunk.type !== "chunk") return seen;
          seen.add(name);
          chunk.imports.forEach((dep) => closure(dep, seen));
          return seen;
        };
        const chunks = Object.values(bundle).flatMap((item) => (item.type === "chunk" ? [item] : []));
        const landing = chunks.find((chunk) => chunk.facadeModuleId?.endsWith(page));
        const entry = chunks.find((chunk) => chunk.isEntry);
        if (!landing || !entry) return;
        const initial = closure(entry.fileName);
        return [...closure(landing.fileName)]
          .filter((file) => !initial.has(file))
          .map((file) => ({ tag: "link", attrs: { rel: "modulepreload", crossorigin: true, href: `/${file}` }, injectTo: "head" as const }));
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), preloadLandingPage("src/pages/InboxPage.tsx")],
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
