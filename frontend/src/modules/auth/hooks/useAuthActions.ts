import { useCallback } from "react";
import { useNavigate } from "react-router";
import { api } from "@/api/client";
import type { TokenPair } from "@/api/schemas";
import { unwrap } from "@/api/unwrap";
import { sessionStore } from "@/modules/auth/states/sessionStore";
import { sessionFromPair } from "@/modules/auth/utils/sessionFromPair";

type LoginBody = { email: string; password: string; tenant?: string };
type SignupBody = { company: string; slug: string; name: string; email: string; password: string; blueprint: string };

/** Sign up, log in, switch company and log out: each replaces the session (and so the cache). */
export function useAuthActions() {
  const navigate = useNavigate();

  const start = useCallback(
    (pair: TokenPair, to = "/inbox") => {
      sessionStore.set(sessionFromPair(pair)); // a new company empties the cache (useCacheFollowsSession)
      navigate(to, { replace: true });
    },
    [navigate],
  );

  return {
    signup: async (body: SignupBody) => start(unwrap(await api.POST("/api/v1/signup", { body }))),
    login: async (body: LoginBody, to?: string) => start(unwrap(await api.POST("/api/v1/auth/login", { body })), to),
    switchTenant: async (tenant: string) => start(unwrap(await api.POST("/api/v1/auth/switch", { body: { tenant } }))),
    logout: async () => {
      try {
        await api.POST("/api/v1/auth/logout");
      } finally {
        sessionStore.set(null);
        navigate("/login", { replace: true });
      }
    },
  };
}
