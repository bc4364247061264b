import { describe, expect, it } from "vitest";
import { quickCount } from "@/modules/inbox/utils/quickCount";

const counters = {
  by_status: {
    open: { mine: 1, unassigned: 0, all: 1, unread: 1 },
    pending: { mine: 0, unassigned: 1, all: 1, unread: 0 },
    resolved: { mine: 0, unassigned: 1, all: 1, unread: 1 },
  },
};

describe("quickCount", () => {
  it("counts what the unfiltered list shows, resolved conversations included", () => {
    expect(quickCount(counters, null, "all")).toBe(3);
    expect(quickCount(counters, null, "unassigned")).toBe(2);
  });

  it("counts only the chosen status", () => {
    expect(quickCount(counters, "resolved", "all")).toBe(1);
    expect(quickCount(counters, "open", "unassigned")).toBe(0);
    expect(quickCount(counters, "pending", "mine")).toBe(0);
  });
});
