import type { MessageKey } from "@/i18n/types/MessageKey";

type PluralBase<K> = K extends `${infer Base}_one` ? (`${Base}_other` extends MessageKey ? Base : never) : never;

/** The base of keys with plural forms (`x_one` and `x_other` both exist). */
export type PluralKey = PluralBase<MessageKey>;
