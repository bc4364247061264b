/**
 * A company address (slug) suggested from its name: lowercase ASCII letters, digits and inner
 * hyphens, 3 to 40 characters ("Clínica São José" -> "clinica-sao-jose").
 */
export function suggestSlug(company: string): string {
  const slug = company
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return slug.length === 0 ? "" : slug.length < 3 ? `${slug}-co`.slice(0, 40) : slug;
}
