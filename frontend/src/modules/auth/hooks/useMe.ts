import { useQuery } from "@tanstack/react-query";
import { useSession } from "@/modules/auth/hooks/useSession";
import { meQuery } from "@/modules/auth/utils/meQuery";

/** The signed-in user, their role and company, and every company they belong to. */
export const useMe = () => useQuery(meQuery(useSession()?.tenantSlug));
