import createClient from "openapi-fetch";
import { authFetch } from "@/api/authFetch";
import type { paths } from "@/generated/api";

/** The typed API client: every server call goes through it (paths from the OpenAPI document). */
export const api = createClient<paths>({
  baseUrl: globalThis.location?.origin ?? "",
  fetch: authFetch,
});
