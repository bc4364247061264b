import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { Me } from "@/api/schemas";
import { useSession } from "@/modules/auth/hooks/useSession";
import { meQuery } from "@/modules/auth/utils/meQuery";
import { connectRealtime } from "@/modules/realtime/utils/connectRealtime";

/** Keep the realtime stream open while signed in (one per tab; reopened on a company switch). */
export function useRealtime(): void {
  const queryClient = useQueryClient();
  const tenant = useSession()?.tenantSlug;
  useEffect(() => {
    if (!tenant) return;
    const meId = () => queryClient.getQueryData<Me>(meQuery(tenant).queryKey)?.user.id;
    return connectRealtime({ queryClient, meId });
  }, [queryClient, tenant]);
}
