const WEEK = /^(\d{4})-W(\d{2})$/;
const DAY_MS = 86_400_000;

/** The Monday (UTC midnight) of ISO week `week` ("2026-W48"), or `null` when it is not one. */
export function mondayOfIsoWeek(week: string): Date | null {
  const match = WEEK.exec(week);
  if (!match) return null;
  const year = Number(match[1]);
  const number = Number(match[2]);
  if (number < 1 || number > weeksInIsoYear(year)) return null;
  const jan4 = Date.UTC(year, 0, 4);
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  return new Date(mondayOfWeek1 + (number - 1) * 7 * DAY_MS);
}

/** The ISO week ("2026-W48") of a calendar day given as "YYYY-MM-DD". */
export function isoWeekOf(day: string): string {
  const [year, month, date] = day.split("-").map(Number);
  const utc = new Date(Date.UTC(year, month - 1, date));
  const thursday = new Date(utc.getTime() + (3 - ((utc.getUTCDay() + 6) % 7)) * DAY_MS);
  const weekYear = thursday.getUTCFullYear();
  const jan1 = Date.UTC(weekYear, 0, 1);
  const number = Math.floor((thursday.getTime() - jan1) / DAY_MS / 7) + 1;
  return `${weekYear}-W${String(number).padStart(2, "0")}`;
}

/** The ISO week `delta` weeks after `week` (before, when negative). */
export function shiftIsoWeek(week: string, delta: number): string {
  const monday = mondayOfIsoWeek(week);
  if (!monday) return week;
  return isoWeekOf(new Date(monday.getTime() + delta * 7 * DAY_MS).toISOString().slice(0, 10));
}

function weeksInIsoYear(year: number): number {
  const dec28 = new Date(Date.UTC(year, 11, 28)).toISOString().slice(0, 10);
  return Number(isoWeekOf(dec28).slice(6));
}
