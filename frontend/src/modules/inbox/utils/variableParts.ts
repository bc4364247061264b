/** The parts of a template variable name (`body.1`, `header.image`, `button.0.1`) for its label. */
export function variableParts(name: string): { section: "header" | "body" | "button"; placeholder: string } {
  const [section, ...rest] = name.split(".");
  const placeholder = rest[rest.length - 1] ?? name;
  return { section: section === "header" || section === "button" ? section : "body", placeholder };
}
