import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

// jsdom has no object URLs: number them, as a browser would give each blob its own.
if (typeof URL.createObjectURL !== "function") {
  let next = 0;
  URL.createObjectURL = () => `blob:test-${(next += 1)}`;
  URL.revokeObjectURL = () => undefined;
}

afterEach(() => {
  cleanup();
  globalThis.localStorage?.clear();
});
