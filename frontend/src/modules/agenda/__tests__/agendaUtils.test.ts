import { describe, expect, it } from "vitest";
import { availabilityLevel } from "@/modules/agenda/utils/availabilityLevel";
import { currentIsoWeek } from "@/modules/agenda/utils/currentIsoWeek";
import { eventsByDay } from "@/modules/agenda/utils/eventsByDay";
import { isoWeekOf, mondayOfIsoWeek, shiftIsoWeek } from "@/modules/agenda/utils/isoWeek";

describe("availabilityLevel", () => {
  it("grades a day as the calendar plugin does: many from half free, some from a fifth, few below", () => {
    expect(availabilityLevel(18, 18)).toBe("many");
    expect(availabilityLevel(9, 18)).toBe("many");
    expect(availabilityLevel(8, 18)).toBe("some");
    expect(availabilityLevel(4, 20)).toBe("some");
    expect(availabilityLevel(3, 20)).toBe("few");
    expect(availabilityLevel(1, 18)).toBe("few");
  });

  it("tells a fully booked day (none) from a day without hours (closed)", () => {
    expect(availabilityLevel(0, 18)).toBe("none");
    expect(availabilityLevel(0, 0)).toBe("closed");
  });
});

describe("ISO weeks", () => {
  it("finds the week of a day, across year boundaries", () => {
    expect(isoWeekOf("2026-11-23")).toBe("2026-W48");
    expect(isoWeekOf("2026-01-01")).toBe("2026-W01");
    expect(isoWeekOf("2027-01-01")).toBe("2026-W53");
    expect(isoWeekOf("2024-12-30")).toBe("2025-W01");
  });

  it("finds a week's Monday and refuses what is not a week", () => {
    expect(mondayOfIsoWeek("2026-W48")?.toISOString().slice(0, 10)).toBe("2026-11-23");
    expect(mondayOfIsoWeek("2025-W01")?.toISOString().slice(0, 10)).toBe("2024-12-30");
    expect(mondayOfIsoWeek("2026-W54")).toBeNull();
    expect(mondayOfIsoWeek("2025-W53")).toBeNull();
    expect(mondayOfIsoWeek("semana")).toBeNull();
  });

  it("moves week by week", () => {
    expect(shiftIsoWeek("2026-W48", 1)).toBe("2026-W49");
    expect(shiftIsoWeek("2026-W53", 1)).toBe("2027-W01");
    expect(shiftIsoWeek("2027-W01", -1)).toBe("2026-W53");
  });

  it("takes this week in the company's time zone, not the browser's", () => {
    const sundayNightInSaoPaulo = new Date("2026-11-30T01:30:00Z"); // Monday in UTC, still Sunday 22:30 in São Paulo
    expect(currentIsoWeek("America/Sao_Paulo", sundayNightInSaoPaulo)).toBe("2026-W48");
    expect(currentIsoWeek("UTC", sundayNightInSaoPaulo)).toBe("2026-W49");
  });
});

describe("eventsByDay", () => {
  const event = (id: string, start: string, end: string, all_day = false) => ({
    id,
    summary: id,
    all_day,
    start,
    end,
    html_link: null,
    from_atrium: false,
  });

  it("puts each event on the day it starts in the company's time zone, all-day ones first", () => {
    const days = eventsByDay(
      [
        event("late", "2026-11-24T23:30:00-03:00", "2026-11-25T00:30:00-03:00"),
        event("morning", "2026-11-24T09:00:00-03:00", "2026-11-24T10:00:00-03:00"),
        event("holiday", "2026-11-24", "2026-11-25", true),
      ],
      "America/Sao_Paulo",
    );
    expect([...days.keys()]).toEqual(["2026-11-24"]);
    expect(days.get("2026-11-24")?.map((e) => e.id)).toEqual(["holiday", "morning", "late"]);
  });
});
