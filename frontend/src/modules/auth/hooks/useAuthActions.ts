import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useNavigate } from "react-router";
import { api } from "@/api/client";
import type { TokenPair } from "@/api/schemas";
import { unwrap } from "@/api/unwrap";
import { sessionStore } from "@/modules/auth/states/sessionStore";
import { sessionFromPair } from "@/modules/auth/utils/sessionFromPair";

type LoginBody = { email: string; password: string; tenant?: string };
type SignupBody = { company: string; slug: string; name: string; email: string; password: string; blueprint: string };

/** Sign up, log in, switch company and log out; each replaces the session and the cache. */
export function useAuthActions() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const start = useCallback(
    (pair: TokenPair, to = "/inbox") => {
      queryClient.clear();
      sessionStore.set(sessionFromPair(pair));
      navigate(to, { replace: true });
    },
    [queryClient, navigate],
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
        queryClient.clear();
        navigate("/login", { replace: true });
      }
    },
  };
}
