import type { Locale } from "@/i18n/types/Locale";
import type { MessageKey } from "@/i18n/types/MessageKey";
import type { PluralKey } from "@/i18n/types/PluralKey";
import { translate, type Vars } from "@/i18n/utils/translate";

/** The plural form of `base` for `count` in `locale` (`{count}` is filled too). */
export function translatePlural(locale: Locale, base: PluralKey, count: number, vars?: Vars): string {
  const form = new Intl.PluralRules(locale).select(count) === "one" ? "one" : "other";
  return translate(locale, `${base}_${form}` as MessageKey, { count: count.toLocaleString(locale), ...vars });
}
