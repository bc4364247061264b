import type { MediaUpload, MessageCreate } from "@/api/schemas";

/**
 * The API bodies that send the composer's draft: the text, or the uploaded file with the text as
 * its caption (audio takes no caption: the text follows as a message of its own), each scheduled
 * at `scheduledAt` when given.
 */
export function composeMessages(text: string, upload: MediaUpload | null, scheduledAt?: string): MessageCreate[] {
  const value = text.trim();
  const when = scheduledAt ? { scheduled_at: scheduledAt } : {};
  const textBody: MessageCreate = { type: "text", text: value, ...when };
  if (!upload) return value ? [textBody] : [];
  const type = upload.type as MessageCreate["type"];
  const captioned = type !== "audio" && value;
  const media: MessageCreate = { type, content: { upload_id: upload.id, ...(captioned ? { caption: value } : {}) }, ...when };
  return value && !captioned ? [media, textBody] : [media];
}
