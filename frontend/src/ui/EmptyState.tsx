import type { ReactNode } from "react";

export type EmptyStateProps = { title: string; children?: ReactNode; icon?: ReactNode };

/** What a page or list shows when it has nothing yet, with what to do next. */
export function EmptyState({ title, children, icon }: EmptyStateProps) {
  return (
    <section className="empty-state" aria-label={title}>
      {icon && <div className="empty-state-icon">{icon}</div>}
      <h2>{title}</h2>
      {children}
    </section>
  );
}
