import type { ptBR } from "@/i18n/messages/ptBR";

/** A key of the panel's dictionary (pt-BR is the reference; every language has every key). */
export type MessageKey = keyof typeof ptBR;
