import type { MediaKind, UploadRules } from "@/modules/inbox/types/UploadRules";

/** Whether a file can be sent, and as what: its message type, or why not (with the limit in MB). */
export type AttachmentCheck = { ok: true; kind: MediaKind; mimeType: string } | { ok: false; reason: "type" } | { ok: false; reason: "size"; kind: MediaKind; limitMb: number };

const BY_EXTENSION: Record<string, string> = {
  jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png", mp4: "video/mp4", "3gp": "video/3gpp",
  aac: "audio/aac", amr: "audio/amr", mp3: "audio/mpeg", m4a: "audio/mp4", ogg: "audio/ogg", opus: "audio/ogg",
  pdf: "application/pdf", txt: "text/plain", doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xls: "application/vnd.ms-excel", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ppt: "application/vnd.ms-powerpoint", pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
};
const ALIASES: Record<string, string> = { "image/jpg": "image/jpeg", "video/3gp": "video/3gpp", "audio/mp3": "audio/mpeg", "audio/x-m4a": "audio/mp4", "audio/opus": "audio/ogg" };

/** The message type a file is sent as on a channel with `rules` (by its MIME type, else its extension), or why it cannot be. */
export function checkAttachment(file: { name: string; type: string; size: number }, rules: UploadRules): AttachmentCheck {
  const declared = file.type.split(";")[0].trim().toLowerCase();
  const extension = file.name.includes(".") ? file.name.split(".").pop()!.toLowerCase() : "";
  const raw = declared && declared !== "application/octet-stream" ? declared : (BY_EXTENSION[extension] ?? "");
  const mimeType = ALIASES[raw] ?? raw;
  const kind = (Object.keys(rules) as MediaKind[]).find((key) => rules[key].mime_types?.includes(mimeType));
  if (!kind) return { ok: false, reason: "type" };
  const maxBytes = rules[kind].max_bytes ?? 0;
  if (file.size > maxBytes) return { ok: false, reason: "size", kind, limitMb: Math.floor(maxBytes / (1024 * 1024)) };
  return { ok: true, kind, mimeType };
}

/** The file picker's `accept` for a channel with `rules`: its MIME types and their usual extensions. */
export function acceptedFiles(rules: UploadRules): string {
  const types = new Set(Object.values(rules).flatMap((rule) => rule.mime_types ?? []));
  const extensions = Object.entries(BY_EXTENSION).filter(([, mime]) => types.has(mime)).map(([extension]) => `.${extension}`);
  return [...types, ...extensions].join(",");
}
