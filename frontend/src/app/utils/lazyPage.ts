import { type ComponentType, lazy } from "react";

/** A code-split page from a module with a named export (the panel uses no default exports). */
export const lazyPage = <M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M) =>
  lazy(async () => ({ default: (await load())[name] as ComponentType }));
