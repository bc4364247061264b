let counter = 0;

/** An id unique in this browser tab (for list items being edited). */
export function newUid(prefix = "id"): string {
  counter += 1;
  return `${prefix}-${counter}`;
}
