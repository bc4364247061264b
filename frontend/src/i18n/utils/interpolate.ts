/** `text` with every `{name}` replaced by `vars.name` (left as is when missing). */
export const interpolate = (text: string, vars?: Record<string, string | number>): string =>
  vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : text;
