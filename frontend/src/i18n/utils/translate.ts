import { en } from "@/i18n/messages/en";
import { ptBR } from "@/i18n/messages/ptBR";
import type { Locale } from "@/i18n/types/Locale";
import type { MessageKey } from "@/i18n/types/MessageKey";
import type { Messages } from "@/i18n/types/Messages";
import type { PluralKey } from "@/i18n/types/PluralKey";
import { interpolate } from "@/i18n/utils/interpolate";

const DICTIONARIES: Record<Locale, Messages> = { "pt-BR": ptBR, en };

export type Vars = Record<string, string | number>;

/** The text of `key` in `locale`, with `{name}` variables filled. */
export const translate = (locale: Locale, key: MessageKey, vars?: Vars): string =>
  interpolate(DICTIONARIES[locale][key], vars);

/** The plural form of `base` for `count` in `locale` (`{count}` is filled too). */
export function translatePlural(locale: Locale, base: PluralKey, count: number, vars?: Vars): string {
  const form = new Intl.PluralRules(locale).select(count) === "one" ? "one" : "other";
  return translate(locale, `${base}_${form}` as MessageKey, { count: count.toLocaleString(locale), ...vars });
}
