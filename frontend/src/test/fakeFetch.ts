import { vi } from "vitest";

type Handler = (request: Request) => Response | Promise<Response>;

/**
 * An HTTP-level fake of the API for `fetch`: each call is recorded and answered by `handler`.
 * (The panel's own code runs unchanged; only the network is replaced.)
 */
export function fakeFetch(handler: Handler) {
  const calls: Request[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    calls.push(request.clone());
    return handler(request);
  });
  vi.stubGlobal("fetch", fetch);
  return { calls, fetch };
}

/** A JSON response. */
export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" } });

/** A token pair as the API answers sign-up, login, refresh and switch. */
export const tokenPair = (access: string, refresh: string) => ({
  access_token: access,
  refresh_token: refresh,
  token_type: "Bearer",
  expires_in: 900,
  tenant: { id: "t1", slug: "escola", name: "Escola", locale: "pt-BR", timezone: "America/Sao_Paulo" },
});
