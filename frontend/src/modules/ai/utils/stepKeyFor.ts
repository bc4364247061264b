const clean = (value: string) =>
  value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 60);

/**
 * A step's key: the one typed, else one made from the field it fills (`Best_time` → `best_time`),
 * else `step_<position>`; never one of `taken`.
 */
export function stepKeyFor(typed: string, field: string, position: number, taken: Set<string>): string {
  if (typed.trim()) return typed.trim();
  const base = clean(field) || `step_${position}`;
  let key = base;
  for (let n = 2; taken.has(key); n += 1) key = `${base.slice(0, 56)}_${n}`;
  return key;
}
