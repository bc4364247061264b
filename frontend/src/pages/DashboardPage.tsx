import { ArrowDownLeft, ArrowUpRight, Clock, MessagesSquare, UserPlus } from "lucide-react";
import { useState } from "react";
import { useI18n } from "@/i18n/hooks/useI18n";
import { ActivityChart } from "@/modules/dashboard/components/ActivityChart";
import { StatCard } from "@/modules/dashboard/components/StatCard";
import { useDashboard } from "@/modules/dashboard/hooks/useDashboard";
import { EmptyState } from "@/ui/EmptyState";
import { SelectField } from "@/ui/SelectField";
import { Spinner } from "@/ui/Spinner";

/** /dashboard: open conversations, new leads and messages in the last 24 hours, daily activity. */
export function DashboardPage() {
  const { t, formatNumber } = useI18n();
  const [days, setDays] = useState(14);
  const dashboard = useDashboard(days);
  const data = dashboard.data;
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t("nav.dashboard")}</h1>
        <SelectField
          label={t("dashboard.period")}
          className="field-inline"
          value={String(days)}
          onChange={(event) => setDays(Number(event.target.value))}
          options={[7, 14, 30, 90].map((value) => ({ value: String(value), label: t("dashboard.lastDays", { count: value }) }))}
        />
      </header>
      {dashboard.isError ? (
        <EmptyState title={t("error.generic")} />
      ) : !data ? (
        <Spinner label={t("common.loading")} />
      ) : (
        <>
          <section className="stat-grid" aria-label={t("dashboard.summary")}>
            <StatCard label={t("dashboard.open")} value={formatNumber(data.open_conversations)} icon={<MessagesSquare size={20} />} />
            <StatCard label={t("dashboard.pending")} value={formatNumber(data.pending_conversations)} icon={<Clock size={20} />} />
            <StatCard label={t("dashboard.newLeads24h")} value={formatNumber(data.new_contacts_24h)} icon={<UserPlus size={20} />} />
            <StatCard label={t("dashboard.in24h")} value={formatNumber(data.messages_in_24h)} icon={<ArrowDownLeft size={20} />} />
            <StatCard label={t("dashboard.out24h")} value={formatNumber(data.messages_out_24h)} icon={<ArrowUpRight size={20} />} />
          </section>
          <ActivityChart series={data.series} />
        </>
      )}
    </div>
  );
}
