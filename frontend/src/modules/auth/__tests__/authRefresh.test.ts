import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api } from "@/api/client";
import { sessionStore } from "@/modules/auth/states/sessionStore";
import { fakeFetch, json, tokenPair } from "@/test/fakeFetch";

const bearer = (request: Request) => request.headers.get("Authorization");

beforeEach(() => {
  sessionStore.set({ accessToken: "old-access", refreshToken: "refresh-1", expiresAt: Date.now(), tenantSlug: "escola" });
});
afterEach(() => vi.unstubAllGlobals());

describe("the API client's authentication", () => {
  it("refreshes once on a 401 and repeats the request with the new token", async () => {
    const { calls } = fakeFetch(async (request) => {
      if (request.url.endsWith("/auth/refresh")) {
        expect(await request.json()).toEqual({ refresh_token: "refresh-1" });
        return json(200, tokenPair("new-access", "refresh-2"));
      }
      return bearer(request) === "Bearer new-access" ? json(200, { items: [], next_cursor: null }) : json(401, { code: "unauthorized", status: 401 });
    });
    const { data, response } = await api.GET("/api/v1/tags");
    expect(response.status).toBe(200);
    expect(data).toEqual({ items: [], next_cursor: null });
    expect(calls.map((call) => `${call.method} ${new URL(call.url).pathname} ${bearer(call) ?? ""}`)).toEqual([
      "GET /api/v1/tags Bearer old-access",
      "POST /api/v1/auth/refresh ",
      "GET /api/v1/tags Bearer new-access",
    ]);
    expect(sessionStore.get()).toMatchObject({ accessToken: "new-access", refreshToken: "refresh-2" });
    expect(JSON.parse(localStorage.getItem("atrium.session") ?? "{}")).toMatchObject({ refreshToken: "refresh-2" });
  });

  it("spends the refresh token once when several requests fail together", async () => {
    const { calls } = fakeFetch((request) => {
      if (request.url.endsWith("/auth/refresh")) return json(200, tokenPair("new-access", "refresh-2"));
      return bearer(request) === "Bearer new-access" ? json(200, { items: [], next_cursor: null }) : json(401, { code: "unauthorized" });
    });
    const results = await Promise.all([api.GET("/api/v1/tags"), api.GET("/api/v1/users"), api.GET("/api/v1/channels")]);
    expect(results.map((result) => result.response.status)).toEqual([200, 200, 200]);
    expect(calls.filter((call) => call.url.endsWith("/auth/refresh"))).toHaveLength(1);
  });

  it("signs out when the refresh token is refused, and does not loop", async () => {
    const { calls } = fakeFetch(() => json(401, { code: "unauthorized", status: 401, detail: "spent" }));
    const { error, response } = await api.GET("/api/v1/tags");
    expect(response.status).toBe(401);
    expect(error).toMatchObject({ code: "unauthorized" });
    expect(calls).toHaveLength(2);
    expect(sessionStore.get()).toBeNull();
    expect(localStorage.getItem("atrium.session")).toBeNull();
  });

  it("uses the pair another tab already rotated instead of spending the token again", async () => {
    // Another tab refreshed meanwhile: storage holds a newer pair than this tab's memory.
    localStorage.setItem("atrium.session", JSON.stringify({ accessToken: "tab2-access", refreshToken: "refresh-2", expiresAt: Date.now() + 900_000, tenantSlug: "escola" }));
    const { calls } = fakeFetch((request) =>
      bearer(request) === "Bearer tab2-access" ? json(200, { items: [], next_cursor: null }) : json(401, { code: "unauthorized" }),
    );
    const { response } = await api.GET("/api/v1/tags");
    expect(response.status).toBe(200);
    expect(calls.some((call) => call.url.endsWith("/auth/refresh"))).toBe(false);
  });
});
