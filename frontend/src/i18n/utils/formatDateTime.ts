import type { Locale } from "@/i18n/types/Locale";

export type DateStyle = "time" | "date" | "dateTime" | "weekday" | "dayMonth";

const OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  time: { hour: "2-digit", minute: "2-digit" },
  date: { day: "2-digit", month: "2-digit", year: "numeric" },
  dateTime: { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" },
  weekday: { weekday: "long" },
  dayMonth: { day: "2-digit", month: "short" },
};

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, timeZone: string, style: DateStyle): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${style}`;
  let format = cache.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, { ...OPTIONS[style], timeZone });
    } catch {
      format = new Intl.DateTimeFormat(locale, OPTIONS[style]); // unknown zone: the browser's
    }
    cache.set(key, format);
  }
  return format;
}

/** `value` (ISO 8601 or Date) formatted in `locale`, as seen in the time zone `timeZone`. */
export function formatDateTime(value: string | Date, locale: Locale, timeZone: string, style: DateStyle = "dateTime"): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? "" : formatter(locale, timeZone, style).format(date);
}
