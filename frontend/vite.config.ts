/// <reference types="vitest/config" />
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, URL } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
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

/**
 * Write `<file>.br` and `<file>.gz` beside every text file of the build (JS, CSS, HTML, SVG, JSON
 * over 1 KB), at maximum compression once at build time; Flask serves them to browsers that accept
 * them (`atrium.panel_files`). Node's own zlib: no dependency.
 */
function precompress(): Plugin {
  let outDir = "dist";
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
  return {
    name: "atrium:precompress",
    apply: "build",
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      for (const file of files(outDir).filter((name) => /\.(js|css|html|svg|json)$/.test(name))) {
        const data = readFileSync(file);
        if (data.length < 1024) continue;
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
        writeFileSync(`${file}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), preloadLandingPage("src/pages/InboxPage.tsx"), precompress()],
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
