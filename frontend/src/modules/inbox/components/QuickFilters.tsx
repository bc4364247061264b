import { useSearchParams } from "react-router";
import { useI18n } from "@/i18n/hooks/useI18n";
import type { MessageKey } from "@/i18n/types/MessageKey";
import { useCounters } from "@/modules/inbox/hooks/useCounters";
import { quickCount } from "@/modules/inbox/utils/quickCount";

type Quick = { id: "all" | "mine" | "unassigned" | "unread"; label: MessageKey; assignee?: string; unread?: string };

const QUICK: Quick[] = [
  { id: "all", label: "quick.all" },
  { id: "mine", label: "quick.mine", assignee: "me" },
  { id: "unassigned", label: "quick.unassigned", assignee: "unassigned" },
  { id: "unread", label: "quick.unread", unread: "true" },
];

/**
 * One-click views of the inbox (all, mine, unassigned, unread), each with the number of
 * conversations it lists under the chosen status (every status when none is chosen).
 */
export function QuickFilters() {
  const { t, formatNumber } = useI18n();
  const [params, setParams] = useSearchParams();
  const counters = useCounters();
  const current = (quick: Quick) => (params.get("assignee") ?? undefined) === quick.assignee && (params.get("unread") ?? undefined) === quick.unread;
  const choose = (quick: Quick) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.delete("assignee");
        next.delete("unread");
        if (quick.assignee) next.set("assignee", quick.assignee);
        if (quick.unread) next.set("unread", quick.unread);
        return next;
      },
      { replace: true },
    );
  return (
    <div className="quick-filters" role="group" aria-label={t("quick.label")}>
      {QUICK.map((quick) => (
        <button key={quick.id} type="button" className="quick-filter" aria-pressed={current(quick)} onClick={() => choose(quick)}>
          {t(quick.label)}
          {counters.data && <span className="quick-count">{formatNumber(quickCount(counters.data, params.get("status"), quick.id))}</span>}
        </button>
      ))}
    </div>
  );
}
