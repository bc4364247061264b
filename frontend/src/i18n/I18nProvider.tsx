import { type ReactNode, useCallback, useEffect, useMemo, useState } from "react";
import { DefaultTimeZone } from "@/i18n/constants/DefaultTimeZone";
import { I18nContext, type I18nValue } from "@/i18n/I18nContext";
import { localeStore } from "@/i18n/states/localeStore";
import type { Locale } from "@/i18n/types/Locale";
import { formatDateTime } from "@/i18n/utils/formatDateTime";
import { formatListTime } from "@/i18n/utils/formatListTime";
import { toLocale } from "@/i18n/utils/toLocale";
import { translate } from "@/i18n/utils/translate";
import { translatePlural } from "@/i18n/utils/translatePlural";

export type I18nProviderProps = {
  /** The company's language (`tenant.locale`), used until the user picks one in this browser. */
  tenantLocale?: string | null;
  /** The company's time zone (`tenant.timezone`): every date is shown in it. */
  timeZone?: string | null;
  children: ReactNode;
};

/** Language, translations and date formatting for the panel. */
export function I18nProvider({ tenantLocale, timeZone, children }: I18nProviderProps) {
  const [chosen, setChosen] = useState<Locale | null>(() => localeStore.get());
  const locale = chosen ?? toLocale(tenantLocale);
  const zone = timeZone || DefaultTimeZone;

  const setLocale = useCallback((next: Locale) => {
    localeStore.set(next);
    setChosen(next);
  }, []);

  const value = useMemo<I18nValue>(() => {
    const number = new Intl.NumberFormat(locale);
    return {
      locale,
      timeZone: zone,
      setLocale,
      t: (key, vars) => translate(locale, key, vars),
      tp: (base, count, vars) => translatePlural(locale, base, count, vars),
      formatDate: (date, style) => formatDateTime(date, locale, zone, style),
      formatListTime: (date) => formatListTime(date, locale, zone, translate(locale, "time.yesterday")),
      formatNumber: (n) => number.format(n),
    };
  }, [locale, zone, setLocale]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
