import type { ReactNode } from "react";
import { LanguageSwitcher } from "@/modules/layout/components/LanguageSwitcher";

export type AuthLayoutProps = { title: string; subtitle?: string; children: ReactNode; footer?: ReactNode };

/** The frame of the signed-out pages: a centred card with the language switch. */
export function AuthLayout({ title, subtitle, children, footer }: AuthLayoutProps) {
  return (
    <div className="auth">
      <main className="auth-card">
        <div className="auth-brand">
          <span className="brand-mark" aria-hidden="true">
            A
          </span>
          <span>Atrium</span>
        </div>
        <h1>{title}</h1>
        {subtitle && <p className="muted">{subtitle}</p>}
        {children}
        {footer && <div className="auth-footer">{footer}</div>}
      </main>
      <LanguageSwitcher className="auth-language" />
    </div>
  );
}
