/** Up to two initials of a name for an avatar ("Maria Silva" -> "MS"); "#" for a number. */
export function initials(name: string | null | undefined): string {
  const words = (name ?? "").trim().split(/\s+/).filter((word) => /\p{L}/u.test(word));
  if (words.length === 0) return "#";
  return (words[0][0] + (words.length > 1 ? words[words.length - 1][0] : "")).toUpperCase();
}
