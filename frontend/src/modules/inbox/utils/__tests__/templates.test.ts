import { describe, expect, it } from "vitest";
import type { ChannelTemplate } from "@/api/schemas";
import { composerMode } from "@/modules/inbox/utils/composerMode";
import { missingVariables } from "@/modules/inbox/utils/missingVariables";
import { renderTemplate } from "@/modules/inbox/utils/renderTemplate";
import { templateToSend } from "@/modules/inbox/utils/templateToSend";

const boasVindas: ChannelTemplate = {
  name: "boas_vindas",
  language: "pt_BR",
  category: "UTILITY",
  status: "APPROVED",
  components: [
    { type: "HEADER", format: "TEXT", text: "Olá, {{1}}" },
    { type: "BODY", text: "Obrigado por falar com a {{1}}. Sua visita é {{2}}." },
    { type: "FOOTER", text: "Responda SAIR para não receber mais" },
    { type: "BUTTONS", buttons: [{ type: "URL", text: "Ver agenda", url: "https://x.example/{{1}}" }] },
  ],
  variables: ["header.1", "body.1", "body.2", "button.0.1"],
};

describe("composerMode", () => {
  const now = new Date("2026-11-21T12:00:00Z");

  it("allows any message while the window is open", () => {
    expect(composerMode({ window_open: true, window_expires_at: "2026-11-21T20:00:00Z" }, now)).toBe("free");
    expect(composerMode({ window_open: true, window_expires_at: null }, now)).toBe("free");
  });

  it("offers only templates when the API says the window is closed", () => {
    expect(composerMode({ window_open: false, window_expires_at: null }, now)).toBe("templateOnly");
  });

  it("closes by itself once the closing time has passed", () => {
    expect(composerMode({ window_open: true, window_expires_at: "2026-11-21T11:59:59Z" }, now)).toBe("templateOnly");
  });

  it("closes when a send was refused with window_closed", () => {
    expect(composerMode({ window_open: true, window_expires_at: null }, now, true)).toBe("templateOnly");
  });
});

describe("templates", () => {
  it("previews each section with its own variables, placeholders kept while empty", () => {
    const rendered = renderTemplate(boasVindas, { "header.1": "Maria", "body.1": "Escola Aurora" });
    expect(rendered.header).toBe("Olá, Maria");
    expect(rendered.body).toBe("Obrigado por falar com a Escola Aurora. Sua visita é {{2}}.");
    expect(rendered.footer).toBe("Responda SAIR para não receber mais");
    expect(rendered.buttons).toEqual(["Ver agenda"]);
  });

  it("is sendable only when every variable has a value", () => {
    expect(missingVariables(boasVindas, { "body.1": "x", "header.1": " " })).toEqual(["header.1", "body.2", "button.0.1"]);
    expect(missingVariables(boasVindas, { "header.1": "a", "body.1": "b", "body.2": "c", "button.0.1": "d" })).toEqual([]);
  });

  it("sends the variables by the names the channel listed", () => {
    expect(templateToSend(boasVindas, { "header.1": " Maria ", "body.1": "A", "body.2": "B", "button.0.1": "x" })).toEqual({
      name: "boas_vindas",
      language: "pt_BR",
      parameters: { "header.1": "Maria", "body.1": "A", "body.2": "B", "button.0.1": "x" },
    });
  });
});
