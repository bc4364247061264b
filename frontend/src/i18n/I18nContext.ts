import { createContext } from "react";
import type { MessageKey } from "@/i18n/types/MessageKey";
import type { Locale } from "@/i18n/types/Locale";
import type { PluralKey } from "@/i18n/types/PluralKey";
import type { DateStyle } from "@/i18n/utils/formatDateTime";
import type { Vars } from "@/i18n/utils/translate";

export type I18nValue = {
  locale: Locale;
  timeZone: string;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, vars?: Vars) => string;
  tp: (base: PluralKey, count: number, vars?: Vars) => string;
  /** A time from the API (ISO 8601) in the company's time zone. */
  formatDate: (value: string | Date, style?: DateStyle) => string;
  formatListTime: (value: string) => string;
  formatNumber: (value: number) => string;
};

export const I18nContext = createContext<I18nValue | null>(null);
