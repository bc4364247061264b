import type { Locale } from "@/i18n/types/Locale";

/** The panel language for a tenant or browser locale tag ("pt-BR", "pt", "en-US"...); pt-BR otherwise. */
export const toLocale = (tag: string | null | undefined): Locale =>
  tag && tag.toLowerCase().startsWith("en") ? "en" : "pt-BR";
