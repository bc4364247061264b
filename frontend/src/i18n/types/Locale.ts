/** The panel's languages. pt-BR is the default (new companies start in it). */
export type Locale = "pt-BR" | "en";
