/** ISO weekdays 1 (Monday) to 7 (Sunday) with their names in `locale`. */
export function weekdayNames(locale: string): { day: number; name: string }[] {
  const format = new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" });
  return [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, name: format.format(new Date(Date.UTC(2024, 0, day))) })); // 2024-01-01 was a Monday
}
