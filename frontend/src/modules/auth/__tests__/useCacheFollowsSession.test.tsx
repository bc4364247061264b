import { QueryClient } from "@tanstack/react-query";
import { act, renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { useCacheFollowsSession } from "@/modules/auth/hooks/useCacheFollowsSession";
import { sessionStore } from "@/modules/auth/states/sessionStore";

const session = (tenantSlug: string) => ({ accessToken: "a", refreshToken: "r", expiresAt: Date.now() + 60_000, tenantSlug });

describe("useCacheFollowsSession", () => {
  it("forgets the previous company's data when another tab switches company or signs out", () => {
    sessionStore.set(session("escola"));
    const queryClient = new QueryClient();
    renderHook(() => useCacheFollowsSession(queryClient));
    queryClient.setQueryData(["conversations", "list", {}], { pages: [] });

    act(() => sessionStore.set({ ...session("escola"), accessToken: "refreshed" }));
    expect(queryClient.getQueryData(["conversations", "list", {}])).toBeDefined(); // a refresh keeps it

    act(() => {
      localStorage.setItem("atrium.session", JSON.stringify(session("clinica")));
      window.dispatchEvent(new StorageEvent("storage", { key: "atrium.session" }));
    });
    expect(sessionStore.get()?.tenantSlug).toBe("clinica");
    expect(queryClient.getQueryData(["conversations", "list", {}])).toBeUndefined();

    queryClient.setQueryData(["me"], { user: {} });
    act(() => sessionStore.set(null));
    expect(queryClient.getQueryData(["me"])).toBeUndefined();
  });
});
