import type { Activity } from "@/api/schemas";
import type { MessageKey } from "@/i18n/types/MessageKey";
import { isAiBoardStatus } from "@/modules/ai-board/utils/isAiBoardStatus";
import type { Vars } from "@/i18n/utils/translate";

type Lookups = {
  t: (key: MessageKey, vars?: Vars) => string;
  stageName: (key: string | null) => string;
  memberName: (id: string | null) => string;
};

const str = (value: unknown): string | null => (typeof value === "string" ? value : null);
const STATUSES = ["open", "pending", "resolved"] as const;

function statusName(status: string | null, t: Lookups["t"]): string {
  const known = STATUSES.find((item) => item === status);
  return known ? t(`status.${known}`) : (status ?? "—");
}

function aiColumnName(status: string | null, t: Lookups["t"]): string {
  return isAiBoardStatus(status) ? t(`aiBoard.column.${status}`) : (status ?? "—");
}

/** One timeline entry as a sentence ("Lead status: New → Proposal"), for every documented kind. */
export function activityText(activity: Activity, { t, stageName, memberName }: Lookups): string {
  const data = activity.data;
  const from = str(data.from);
  const to = str(data.to);
  switch (activity.kind) {
    case "stage_changed":
      return t("activity.stageChanged", { from: stageName(from), to: stageName(to) });
    case "assigned":
      return t("activity.assigned", { from: memberName(from), to: memberName(to) });
    case "conversation_assigned":
      return t("activity.conversationAssigned", { from: memberName(from), to: memberName(to) });
    case "conversation_status_changed":
      return t("activity.statusChanged", { from: statusName(from, t), to: statusName(to, t) });
    case "tag_added":
      return t("activity.tagAdded", { name: str(data.name) ?? "" });
    case "tag_removed":
      return t("activity.tagRemoved", { name: str(data.name) ?? "" });
    case "note_added":
      return t("activity.noteAdded");
    case "note_deleted":
      return t("activity.noteDeleted");
    case "ai_toggled":
      return t(data.to ? "activity.aiOn" : "activity.aiOff");
    case "ai_handoff":
      return t("activity.aiHandoff", { reason: str(data.reason) ?? "—" });
    case "ai_status_changed":
      return t("activity.aiStatusChanged", { from: aiColumnName(from, t), to: aiColumnName(to, t) });
    case "merged":
      return t("activity.merged", { name: str(data.name) ?? "" });
    default:
      return activity.kind;
  }
}
