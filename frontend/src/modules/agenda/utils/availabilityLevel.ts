import type { AvailabilityLevel } from "@/modules/agenda/types/AvailabilityLevel";

/**
 * How free a day is, as the calendar plugin grades it (docs/google-calendar.md): `many` with at least
 * half of its slots free, `some` with at least a fifth, `few` below; `none` when every slot is taken and
 * `closed` when the day has no slot at all (weekend, holiday, no hours).
 */
export function availabilityLevel(free: number, total: number): AvailabilityLevel {
  if (total <= 0) return "closed";
  if (free <= 0) return "none";
  const share = free / total;
  if (share >= 0.5) return "many";
  if (share >= 0.2) return "some";
  return "few";
}
