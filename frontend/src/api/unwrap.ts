import { ApiError } from "@/api/ApiError";
import type { Complete, ProblemBody } from "@/api/schemas";

type FetchResult = { data?: unknown; error?: unknown; response: Response };

/**
 * The data of an openapi-fetch result (complete: see `Complete` in schemas.ts), or an
 * `ApiError` thrown for its problem.
 */
export function unwrap<R extends FetchResult>(result: R): Complete<NonNullable<R["data"]>> {
  if (result.error !== undefined || !result.response.ok) {
    const problem = typeof result.error === "object" && result.error ? (result.error as ProblemBody) : undefined;
    throw new ApiError(result.response.status, problem);
  }
  return result.data as Complete<NonNullable<R["data"]>>;
}
