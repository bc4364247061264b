/** What saving does with the provider's key: keep the stored one, replace it, or remove it. */
export type ApiKeyAction = "keep" | "replace" | "clear";
