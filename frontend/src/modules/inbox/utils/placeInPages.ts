import type { Page } from "@/api/schemas";

/**
 * `pages` with `item` (not already in them) inserted where `order` puts it. An item that sorts
 * after everything loaded is left out while more pages remain (it arrives with them).
 */
export function placeInPages<T>(pages: Page<T>[], item: T, order: (a: T, b: T) => number): Page<T>[] {
  for (let p = 0; p < pages.length; p += 1) {
    const items = pages[p].items;
    const index = items.findIndex((existing) => order(item, existing) < 0);
    if (index >= 0) {
      const next = [...pages];
      next[p] = { ...pages[p], items: [...items.slice(0, index), item, ...items.slice(index)] };
      return next;
    }
  }
  const last = pages[pages.length - 1];
  if (!last || last.next_cursor) return pages;
  return [...pages.slice(0, -1), { ...last, items: [...last.items, item] }];
}
