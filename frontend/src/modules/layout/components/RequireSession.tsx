import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useSession } from "@/modules/auth/hooks/useSession";

/** Its children when signed in; otherwise the login page, coming back here afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return children;
}
