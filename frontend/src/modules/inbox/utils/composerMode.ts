/** What the composer allows: any message, or only an approved template (24-hour window closed). */
export type ComposerMode = "free" | "templateOnly";

type WindowFields = { window_open: boolean; window_expires_at: string | null };

/**
 * The composer's mode for a conversation at `now`: template-only when the API says the window is
 * closed, when its closing time has passed since, or when a send was just refused with
 * `window_closed`.
 */
export function composerMode(conversation: WindowFields, now: Date, refusedForWindow = false): ComposerMode {
  if (refusedForWindow || !conversation.window_open) return "templateOnly";
  if (conversation.window_expires_at && Date.parse(conversation.window_expires_at) <= now.getTime()) return "templateOnly";
  return "free";
}
