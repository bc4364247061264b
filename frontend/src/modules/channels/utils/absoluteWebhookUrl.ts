/** The webhook URL to paste into the provider: this site's address followed by the channel's path. */
export const absoluteWebhookUrl = (webhookPath: string, origin: string = globalThis.location.origin): string =>
  new URL(webhookPath, origin).toString();
