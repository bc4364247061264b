import { en } from "@/i18n/messages/en";
import { ptBR } from "@/i18n/messages/ptBR";
import type { Locale } from "@/i18n/types/Locale";
import type { MessageKey } from "@/i18n/types/MessageKey";
import type { Messages } from "@/i18n/types/Messages";
import { interpolate } from "@/i18n/utils/interpolate";

const DICTIONARIES: Record<Locale, Messages> = { "pt-BR": ptBR, en };

export type Vars = Record<string, string | number>;

/** The text of `key` in `locale`, with `{name}` variables filled (the key itself if it has none). */
export const translate = (locale: Locale, key: MessageKey, vars?: Vars): string =>
  interpolate(DICTIONARIES[locale][key] ?? key, vars);
