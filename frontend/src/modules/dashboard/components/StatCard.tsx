import type { ReactNode } from "react";

export type StatCardProps = { label: string; value: string; icon: ReactNode };

/** One figure of the dashboard. */
export function StatCard({ label, value, icon }: StatCardProps) {
  return (
    <div className="card stat-card">
      <span className="stat-icon" aria-hidden="true">
        {icon}
      </span>
      <dl>
        <dt>{label}</dt>
        <dd>{value}</dd>
      </dl>
    </div>
  );
}
