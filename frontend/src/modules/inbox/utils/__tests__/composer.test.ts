import { describe, expect, it } from "vitest";
import type { MediaUpload } from "@/api/schemas";
import { acceptedFiles, checkAttachment } from "@/modules/inbox/utils/checkAttachment";
import { composeMessages } from "@/modules/inbox/utils/composeMessages";
import { formatFileSize } from "@/modules/inbox/utils/formatFileSize";
import { toZonedInput } from "@/modules/inbox/utils/toZonedInput";
import { zonedInputToIso } from "@/modules/inbox/utils/zonedInputToIso";
import { whatsappUploadRules as rules } from "@/test/factories";

const MB = 1024 * 1024;
const upload = (type: string): MediaUpload => ({
  id: "0193-up", type, filename: "f", mime_type: "x", size: 1, sha256: "", created_at: "2026-11-21T00:00:00Z",
});

describe("checkAttachment", () => {
  it("sends photos as images and PDFs as documents", () => {
    expect(checkAttachment({ name: "foto.jpg", type: "image/jpeg", size: MB }, rules)).toEqual({ ok: true, kind: "image", mimeType: "image/jpeg" });
    expect(checkAttachment({ name: "proposta.pdf", type: "application/pdf", size: 30 * MB }, rules)).toMatchObject({ ok: true, kind: "document" });
  });

  it("recognises a file the browser gave no type by its extension", () => {
    expect(checkAttachment({ name: "audio.opus", type: "", size: 1000 }, rules)).toMatchObject({ ok: true, kind: "audio", mimeType: "audio/ogg" });
    expect(checkAttachment({ name: "planilha.XLSX", type: "application/octet-stream", size: 1000 }, rules)).toMatchObject({ ok: true, kind: "document" });
  });

  it("refuses what WhatsApp does not take, with the limit of its type", () => {
    expect(checkAttachment({ name: "foto.jpg", type: "image/jpeg", size: 5 * MB + 1 }, rules)).toEqual({ ok: false, reason: "size", kind: "image", limitMb: 5 });
    expect(checkAttachment({ name: "video.mp4", type: "video/mp4", size: 17 * MB }, rules)).toMatchObject({ ok: false, reason: "size", limitMb: 16 });
    expect(checkAttachment({ name: "anim.gif", type: "image/gif", size: 10 }, rules)).toEqual({ ok: false, reason: "type" });
    expect(checkAttachment({ name: "setup.exe", type: "", size: 10 }, rules)).toEqual({ ok: false, reason: "type" });
  });

  it("follows the channel's own rules", () => {
    const imagesOnly = { image: { mime_types: ["image/jpeg"], max_bytes: 1024 } };
    expect(checkAttachment({ name: "proposta.pdf", type: "application/pdf", size: 10 }, imagesOnly)).toEqual({ ok: false, reason: "type" });
    expect(checkAttachment({ name: "foto.jpg", type: "image/jpeg", size: 2048 }, imagesOnly)).toMatchObject({ ok: false, reason: "size" });
    expect(acceptedFiles(imagesOnly)).toBe("image/jpeg,.jpg,.jpeg");
    expect(acceptedFiles({})).toBe("");
  });
});

describe("composeMessages", () => {
  it("sends the text alone, or nothing when there is nothing", () => {
    expect(composeMessages("  Olá!  ", null)).toEqual([{ type: "text", text: "Olá!" }]);
    expect(composeMessages("   ", null)).toEqual([]);
  });

  it("makes the text the file's caption", () => {
    expect(composeMessages("Nosso folder", upload("image"))).toEqual([{ type: "image", content: { upload_id: "0193-up", caption: "Nosso folder" } }]);
    expect(composeMessages("", upload("document"))).toEqual([{ type: "document", content: { upload_id: "0193-up" } }]);
  });

  it("sends an audio's text as a message of its own, and schedules both", () => {
    const at = "2026-11-22T09:30:00-03:00";
    expect(composeMessages("Ouça", upload("audio"), at)).toEqual([
      { type: "audio", content: { upload_id: "0193-up" }, scheduled_at: at },
      { type: "text", text: "Ouça", scheduled_at: at },
    ]);
  });
});

describe("scheduling in the company's time zone", () => {
  it("reads the picked time on the company's clock", () => {
    expect(zonedInputToIso("2026-11-22T09:30", "America/Sao_Paulo")).toBe("2026-11-22T09:30:00-03:00");
    expect(zonedInputToIso("2026-11-22T09:30", "America/Manaus")).toBe("2026-11-22T09:30:00-04:00");
    expect(zonedInputToIso("2026-07-01T09:30", "Europe/Lisbon")).toBe("2026-07-01T09:30:00+01:00");
    expect(zonedInputToIso("2026-12-01T09:30", "Europe/Lisbon")).toBe("2026-12-01T09:30:00+00:00");
    expect(zonedInputToIso("amanhã", "America/Sao_Paulo")).toBeNull();
  });

  it("shows an instant on the company's clock, whatever the browser's zone", () => {
    const instant = new Date("2026-11-22T12:30:00Z");
    expect(toZonedInput(instant, "America/Sao_Paulo")).toBe("2026-11-22T09:30");
    expect(zonedInputToIso(toZonedInput(instant, "America/Sao_Paulo"), "America/Sao_Paulo")).toBe("2026-11-22T09:30:00-03:00");
  });
});

describe("formatFileSize", () => {
  it("writes sizes the way people read them", () => {
    expect(formatFileSize(820 * 1024, "en")).toBe("820 kB");
    expect(formatFileSize(4.2 * MB, "pt-BR")).toBe("4,2 MB");
  });
});
