import type { Channel } from "@/api/schemas";

/** A media message type the composer can send from a file. */
export type MediaKind = "image" | "video" | "audio" | "document";

/**
 * The files a channel sends, per message type (`upload_rules` of `GET /api/v1/channels`): the
 * channel type declares them, the composer checks a file against them before uploading.
 */
export type UploadRules = NonNullable<Channel["upload_rules"]>;
