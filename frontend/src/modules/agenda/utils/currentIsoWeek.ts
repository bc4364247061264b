import { isoWeekOf } from "@/modules/agenda/utils/isoWeek";
import { localDay } from "@/modules/agenda/utils/localDay";

/** This week (ISO, "2026-W48") in `timeZone`. */
export const currentIsoWeek = (timeZone: string, now: Date = new Date()): string => isoWeekOf(localDay(now.toISOString(), timeZone));
