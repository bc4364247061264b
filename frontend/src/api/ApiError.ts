import type { FieldError, ProblemBody } from "@/api/schemas";

/** A failed API call: the HTTP status and the problem+json body (RFC 9457) when there is one. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fieldErrors: FieldError[];

  constructor(status: number, problem: ProblemBody | undefined) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.code = problem?.code ?? "http_error";
    this.fieldErrors = problem?.errors ?? [];
  }

  /** The message of the first error about `field` (dotted for nested fields), if any. */
  fieldMessage(field: string): string | undefined {
    return this.fieldErrors.find((error) => error.field === field)?.message;
  }
}
