import { describe, expect, it } from "vitest";
import { suggestSlug } from "@/modules/auth/utils/suggestSlug";

describe("suggestSlug", () => {
  it.each([
    ["Clínica São José", "clinica-sao-jose"],
    ["  Imobiliária   Sol & Mar!  ", "imobiliaria-sol-mar"],
    ["AB", "ab-co"],
    ["", ""],
    ["Escola de Línguas Internacional do Brasil Ltda", "escola-de-linguas-internacional-do-brasi"],
  ])("%s -> %s", (company, slug) => {
    const suggested = suggestSlug(company);
    expect(suggested).toBe(slug);
    if (suggested) expect(suggested).toMatch(/^[a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9]$/);
  });
});
