/** The parts of a handoff summary (docs/ai-agent.md) the panel shows, read defensively from its JSON. */
export type SummaryView = {
  status: string | null;
  reason: string | null;
  by: string | null;
  at: string | null;
  interest: string | null;
  answers: { intent: string; answer: string | null }[];
  booking: { start: string | null; consultant: string | null } | null;
  notes: string[];
};

const str = (value: unknown): string | null => (typeof value === "string" && value ? value : null);

/** A handoff summary as the panel shows it (`null` when there is none). */
export function summaryView(summary: Record<string, unknown> | null | undefined): SummaryView | null {
  if (!summary) return null;
  const answers = Array.isArray(summary.answers) ? summary.answers : [];
  const booking = summary.booking && typeof summary.booking === "object" ? (summary.booking as Record<string, unknown>) : null;
  const consultant = booking?.consultant;
  return {
    status: str(summary.status),
    reason: str(summary.reason),
    by: str(summary.by),
    at: str(summary.at),
    interest: str(summary.interest),
    answers: answers
      .filter((item): item is Record<string, unknown> => !!item && typeof item === "object")
      .map((item) => ({
        intent: str(item.intent) ?? str(item.field) ?? "",
        answer: item.answer === null || item.answer === undefined || item.answer === "" ? null : String(item.answer),
      })),
    booking: booking
      ? {
          start: str(booking.start),
          consultant: str(consultant) ?? (consultant && typeof consultant === "object" ? str((consultant as Record<string, unknown>).name) : null),
        }
      : null,
    notes: Array.isArray(summary.notes) ? summary.notes.filter((note): note is string => typeof note === "string") : [],
  };
}
