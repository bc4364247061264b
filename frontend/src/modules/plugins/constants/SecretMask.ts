/** What the API answers in place of a secret setting that is set (it never returns secrets). */
export const SecretMask = "********";
