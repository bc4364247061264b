import type { Locale } from "@/i18n/types/Locale";
import { calendarDay } from "@/i18n/utils/calendarDay";
import { formatDateTime } from "@/i18n/utils/formatDateTime";

const DAY = 86_400_000;

/**
 * How the conversation list shows a time, as WhatsApp does: the hour today, "yesterday",
 * the weekday within a week, else the date; days counted in the tenant's time zone.
 */
export function formatListTime(value: string, locale: Locale, timeZone: string, yesterday: string, now = new Date()): string {
  const date = new Date(value);
  const day = calendarDay(date, timeZone);
  if (day === calendarDay(now, timeZone)) return formatDateTime(date, locale, timeZone, "time");
  if (day === calendarDay(new Date(now.getTime() - DAY), timeZone)) return yesterday;
  if (now.getTime() - date.getTime() < 6 * DAY) return formatDateTime(date, locale, timeZone, "weekday");
  return formatDateTime(date, locale, timeZone, "date");
}
