import { describe, expect, it } from "vitest";
import { en } from "@/i18n/messages/en";
import { ptBR } from "@/i18n/messages/ptBR";
import { calendarDay } from "@/i18n/utils/calendarDay";
import { formatDateTime } from "@/i18n/utils/formatDateTime";
import { formatListTime } from "@/i18n/utils/formatListTime";
import { toLocale } from "@/i18n/utils/toLocale";
import { translate } from "@/i18n/utils/translate";
import { translatePlural } from "@/i18n/utils/translatePlural";

const AT = "2026-11-21T02:30:00+00:00"; // 23:30 of the 20th in São Paulo (UTC-3)

describe("dates in the company's time zone", () => {
  it("formats the same instant in each zone", () => {
    expect(formatDateTime(AT, "pt-BR", "America/Sao_Paulo")).toBe("20/11/2026, 23:30");
    expect(formatDateTime(AT, "pt-BR", "UTC")).toBe("21/11/2026, 02:30");
    expect(formatDateTime(AT, "en", "America/Sao_Paulo", "time")).toBe("11:30 PM");
    expect(formatDateTime(AT, "pt-BR", "Asia/Tokyo", "time")).toBe("11:30");
  });

  it("counts calendar days in the zone", () => {
    expect(calendarDay(AT, "America/Sao_Paulo")).toBe("2026-11-20");
    expect(calendarDay(AT, "UTC")).toBe("2026-11-21");
  });

  it("falls back to the browser's zone for an unknown one instead of breaking", () => {
    expect(formatDateTime(AT, "pt-BR", "Nowhere/Atlantis", "date")).toMatch(/\d{2}\/11\/2026/);
  });

  it("shows list times like WhatsApp: hour today, 'yesterday', weekday, then the date", () => {
    const now = new Date("2026-11-21T15:00:00Z"); // 12:00 on Saturday the 21st in São Paulo
    const zone = "America/Sao_Paulo";
    expect(formatListTime("2026-11-21T13:05:00Z", "pt-BR", zone, "Ontem", now)).toBe("10:05");
    expect(formatListTime(AT, "pt-BR", zone, "Ontem", now)).toBe("Ontem");
    expect(formatListTime("2026-11-18T15:00:00Z", "pt-BR", zone, "Ontem", now)).toBe("quarta-feira");
    expect(formatListTime("2026-11-01T15:00:00Z", "en", zone, "Yesterday", now)).toBe("11/01/2026");
  });
});

describe("translations", () => {
  it("defaults to pt-BR and follows English tenants", () => {
    expect(toLocale(undefined)).toBe("pt-BR");
    expect(toLocale("pt")).toBe("pt-BR");
    expect(toLocale("en-US")).toBe("en");
  });

  it("fills variables and picks plural forms", () => {
    expect(translate("pt-BR", "chat.label", { name: "Maria" })).toBe("Conversa com Maria");
    expect(translatePlural("pt-BR", "inbox.unreadCount", 1)).toBe("1 mensagem não lida");
    expect(translatePlural("pt-BR", "inbox.unreadCount", 1200)).toBe("1.200 mensagens não lidas");
    expect(translatePlural("en", "inbox.unreadCount", 2)).toBe("2 unread messages");
  });

  it("has every text in both languages, with the same variables", () => {
    const variables = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const key of Object.keys(ptBR) as (keyof typeof ptBR)[]) {
      expect(en[key], key).toBeTruthy();
      expect(variables(en[key]), key).toEqual(variables(ptBR[key]));
    }
  });
});
