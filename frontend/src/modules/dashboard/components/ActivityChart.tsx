import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Dashboard } from "@/api/schemas";
import { useI18n } from "@/i18n/hooks/useI18n";

/** Messages in and out and new leads per day (a table for screen readers is beside it). */
export function ActivityChart({ series }: { series: Dashboard["series"] }) {
  const { t, locale } = useI18n();
  const day = new Intl.DateTimeFormat(locale, { day: "2-digit", month: "short", timeZone: "UTC" });
  const data = series.map((point) => ({ ...point, label: day.format(new Date(`${point.date}T00:00:00Z`)) }));
  return (
    <figure className="card chart-card">
      <figcaption>
        <h2>{t("dashboard.activity")}</h2>
      </figcaption>
      <div className="chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={280}>
          <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Legend />
            <Bar dataKey="inbound" name={t("dashboard.inbound")} fill="#0f766e" radius={[3, 3, 0, 0]} />
            <Bar dataKey="outbound" name={t("dashboard.outbound")} fill="#60a5fa" radius={[3, 3, 0, 0]} />
            <Line dataKey="new_contacts" name={t("dashboard.newLeads")} stroke="#b45309" strokeWidth={2} type="monotone" />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only">
        <caption>{t("dashboard.activity")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("dashboard.day")}</th>
            <th scope="col">{t("dashboard.inbound")}</th>
            <th scope="col">{t("dashboard.outbound")}</th>
            <th scope="col">{t("dashboard.newLeads")}</th>
          </tr>
        </thead>
        <tbody>
          {data.map((point) => (
            <tr key={point.date}>
              <th scope="row">{point.label}</th>
              <td>{point.inbound}</td>
              <td>{point.outbound}</td>
              <td>{point.new_contacts}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
