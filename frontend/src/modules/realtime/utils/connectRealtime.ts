import type { QueryClient } from "@tanstack/react-query";
import { sessionStore } from "@/modules/auth/states/sessionStore";
import { refreshSession } from "@/modules/auth/utils/refreshSession";
import { DomainEventKinds } from "@/modules/realtime/constants/DomainEventKinds";
import { realtimeStatusStore } from "@/modules/realtime/states/realtimeStatusStore";
import type { DomainEvent } from "@/modules/realtime/types/DomainEvent";
import { applyDomainEvent } from "@/modules/realtime/utils/applyDomainEvent";
import { eventsUrl } from "@/modules/realtime/utils/eventsUrl";

type Options = {
  queryClient: QueryClient;
  /** The signed-in user's id when known (lists filtered by "assigned to me" need it). */
  meId?: () => string | undefined;
  origin?: string;
  /** The EventSource class (a fake in unit tests). */
  EventSourceImpl?: typeof EventSource;
};

const MAX_BACKOFF_MS = 30_000;

/**
 * Keep one Server-Sent Events stream open for the signed-in session and apply its events to the
 * query cache. Resumes after the last event id; refreshes the token when the stream closes for
 * it; on `stream.reset` refetches everything on screen. Returns a function that disconnects.
 */
export function connectRealtime({ queryClient, meId, origin = globalThis.location.origin, EventSourceImpl = EventSource }: Options): () => void {
  let source: EventSource | null = null;
  let lastId: string | null = null;
  let stopped = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const reconnect = async (stale: string | null) => {
    source?.close();
    source = null;
    if (stopped) return;
    realtimeStatusStore.set("connecting");
    if (stale && sessionStore.get()?.accessToken === stale) await refreshSession(stale);
    const delay = Math.min(MAX_BACKOFF_MS, failures === 0 ? 0 : 1000 * 2 ** (failures - 1));
    timer = setTimeout(open, delay);
  };

  function open() {
    const token = sessionStore.get()?.accessToken;
    if (stopped || !token) return;
    const stream = new EventSourceImpl(eventsUrl(origin, token, lastId));
    source = stream;
    stream.onopen = () => {
      failures = 0;
      realtimeStatusStore.set("live");
    };
    stream.onerror = () => {
      // CONNECTING: the browser retries by itself (sending Last-Event-ID). CLOSED: it gave up
      // (a 401 for an expired token, or the server is down): refresh and try again, backing off.
      if (stream.readyState === EventSourceImpl.CLOSED) {
        failures += 1;
        void reconnect(token);
      } else {
        realtimeStatusStore.set("connecting");
      }
    };
    for (const kind of DomainEventKinds) {
      stream.addEventListener(kind, (message) => {
        const event = message as MessageEvent<string>;
        lastId = event.lastEventId || lastId;
        try {
          applyDomainEvent(queryClient, JSON.parse(event.data) as DomainEvent, meId?.());
        } catch (error) {
          console.error("realtime event not applied", error);
        }
      });
    }
    stream.addEventListener("stream.reset", (message) => {
      lastId = (message as MessageEvent<string>).lastEventId || lastId;
      void queryClient.invalidateQueries();
    });
    stream.addEventListener("stream.closed", () => void reconnect(token));
  }

  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
    realtimeStatusStore.set("offline");
  };
}
