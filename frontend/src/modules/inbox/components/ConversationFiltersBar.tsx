import { ListFilter } from "lucide-react";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { useSearchParamInput } from "@/hooks/useSearchParamInput";
import { useSetSearchParam } from "@/hooks/useSetSearchParam";
import { useI18n } from "@/i18n/hooks/useI18n";
import { ConversationFilterFields } from "@/modules/inbox/components/ConversationFilterFields";
import { QuickFilters } from "@/modules/inbox/components/QuickFilters";
import { TextField } from "@/ui/TextField";

const FILTER_KEYS = ["status", "channel_id", "assignee", "tag", "stage", "unread"];

/** Search and filters of the conversation list, kept in the URL (a filtered inbox is a link). */
export function ConversationFiltersBar() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const setParam = useSetSearchParam();
  const [search, setSearch] = useSearchParamInput("q");
  const active = FILTER_KEYS.filter((key) => params.get(key)).length;
  const [expanded, setExpanded] = useState(active > 0);

  return (
    <div className="filters">
      <div className="filters-search">
        <TextField label={t("inbox.search")} type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder={t("inbox.searchPlaceholder")} />
        <button type="button" className="icon-btn filters-toggle" aria-expanded={expanded} aria-controls="inbox-filters" onClick={() => setExpanded((value) => !value)}>
          <ListFilter size={18} aria-hidden="true" />
          <span className="sr-only">{t("inbox.filters")}</span>
          {active > 0 && <span className="badge">{active}</span>}
        </button>
      </div>
      <QuickFilters />
      {expanded && <ConversationFilterFields params={params} onChange={setParam} />}
    </div>
  );
}
