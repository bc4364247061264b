/**
 * The URL of the realtime stream for `token`: EventSource cannot send headers, so the token
 * goes in `access_token`; `last_event_id` resumes after the last event received (docs/realtime.md).
 */
export function eventsUrl(origin: string, token: string, lastEventId: string | null): string {
  const url = new URL("/api/v1/events", origin);
  url.searchParams.set("access_token", token);
  if (lastEventId) url.searchParams.set("last_event_id", lastEventId);
  return url.toString();
}
