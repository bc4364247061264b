import { ApiError } from "@/api/ApiError";

/**
 * The server's message about `field` or anything inside it (`steps.2.key` is under `steps.2` and
 * `steps`), from a problem+json `errors` list; undefined when there is none.
 */
export function fieldErrorUnder(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.fieldErrors.find((item) => item.field === field || item.field?.startsWith(`${field}.`))?.message;
}
