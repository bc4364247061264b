import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useSession } from "@/modules/auth/hooks/useSession";
import { connectRealtime } from "@/modules/realtime/utils/connectRealtime";

/** Keep the realtime stream open while signed in (one per tab; reopened on a company switch). */
export function useRealtime(meId: string | undefined): void {
  const queryClient = useQueryClient();
  const tenant = useSession()?.tenantSlug;
  useEffect(() => {
    if (!tenant) return;
    return connectRealtime({ queryClient, meId });
  }, [queryClient, tenant, meId]);
}
