import { useI18n } from "@/i18n/hooks/useI18n";
import { useActivities } from "@/modules/crm/hooks/useActivities";
import { activityText } from "@/modules/crm/utils/activityText";
import { useStages } from "@/modules/workspace/hooks/useStages";
import { useTeam } from "@/modules/workspace/hooks/useTeam";
import { Button } from "@/ui/Button";

/** What happened to the contact, newest first (lead status, tags, notes, assignments...). */
export function ActivityTimeline({ contactId }: { contactId: string }) {
  const { t, formatDate } = useI18n();
  const activities = useActivities(contactId);
  const stages = useStages();
  const team = useTeam();
  const items = activities.data?.pages.flatMap((page) => page.items) ?? [];
  const lookups = {
    t,
    stageName: (key: string | null) => (key ? (stages.data?.find((stage) => stage.key === key)?.name ?? key) : "—"),
    memberName: (id: string | null) => (id ? (team.data?.find((member) => member.id === id)?.name ?? "?") : t("conversation.unassigned")),
  };
  return (
    <div className="crm-timeline">
      <h3 className="crm-heading">{t("crm.activity")}</h3>
      {items.length === 0 && !activities.isPending && <p className="muted">{t("crm.noActivity")}</p>}
      <ol className="timeline" aria-label={t("crm.activity")}>
        {items.map((activity) => (
          <li key={activity.id} data-kind={activity.kind}>
            <span>{activityText(activity, lookups)}</span>
            <time className="muted" dateTime={activity.created_at}>
              {formatDate(activity.created_at)}
            </time>
          </li>
        ))}
      </ol>
      {activities.hasNextPage && (
        <Button size="sm" variant="ghost" onClick={() => void activities.fetchNextPage()}>
          {t("common.loadMore")}
        </Button>
      )}
    </div>
  );
}
