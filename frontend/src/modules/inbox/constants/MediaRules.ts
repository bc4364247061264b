/** A media message type the composer can send from a file. */
export type MediaKind = "image" | "video" | "audio" | "document";

const MB = 1024 * 1024;

/**
 * The files Atrium accepts (`POST /api/v1/media`): WhatsApp Cloud API's documented MIME types and
 * sizes per message type. Checked before uploading so the agent hears at once; the server decides.
 */
export const MediaRules: Record<MediaKind, { mimeTypes: readonly string[]; maxBytes: number; accept: string }> = {
  image: { mimeTypes: ["image/jpeg", "image/png"], maxBytes: 5 * MB, accept: ".jpg,.jpeg,.png" },
  video: { mimeTypes: ["video/mp4", "video/3gpp"], maxBytes: 16 * MB, accept: ".mp4,.3gp" },
  audio: {
    mimeTypes: ["audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"],
    maxBytes: 16 * MB,
    accept: ".aac,.amr,.mp3,.m4a,.ogg,.opus",
  },
  document: {
    mimeTypes: [
      "application/pdf",
      "text/plain",
      "application/msword",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.ms-excel",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "application/vnd.ms-powerpoint",
      "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ],
    maxBytes: 100 * MB,
    accept: ".pdf,.txt,.doc,.docx,.xls,.xlsx,.ppt,.pptx",
  },
};
