import type { Locale } from "@/i18n/types/Locale";

const STORAGE_KEY = "atrium.locale";

/** The language chosen in this browser (persisted); null: follow the company's language. */
export const localeStore = {
  get(): Locale | null {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return value === "pt-BR" || value === "en" ? value : null;
  },
  set(locale: Locale): void {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  },
};
