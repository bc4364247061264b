import { QueryClient } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { queryKeys } from "@/api/queryKeys";
import type { Message } from "@/api/schemas";
import { sessionStore } from "@/modules/auth/states/sessionStore";
import type { InfinitePages } from "@/modules/inbox/types/InfinitePages";
import { realtimeStatusStore } from "@/modules/realtime/states/realtimeStatusStore";
import { connectRealtime } from "@/modules/realtime/utils/connectRealtime";
import { aMessage } from "@/test/factories";
import { fakeFetch, json, tokenPair } from "@/test/fakeFetch";

/** A stand-in for the browser's EventSource: the test plays the server's side. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];
  readonly url: string;
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private listeners = new Map<string, ((event: MessageEvent) => void)[]>();

  constructor(url: string) {
    this.url = url;
    FakeEventSource.instances.push(this);
  }
  addEventListener(kind: string, listener: (event: MessageEvent) => void) {
    this.listeners.set(kind, [...(this.listeners.get(kind) ?? []), listener]);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  open() {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.();
  }
  emit(kind: string, id: string, data: unknown) {
    const event = new MessageEvent(kind, { data: JSON.stringify(data), lastEventId: id });
    this.listeners.get(kind)?.forEach((listener) => listener(event));
  }
  fail() {
    this.readyState = FakeEventSource.CLOSED;
    this.onerror?.();
  }
}

const latest = () => FakeEventSource.instances[FakeEventSource.instances.length - 1];
const params = (source: FakeEventSource) => Object.fromEntries(new URL(source.url).searchParams);

beforeEach(() => {
  FakeEventSource.instances = [];
  sessionStore.set({ accessToken: "access-1", refreshToken: "refresh-1", expiresAt: Date.now() + 60_000, tenantSlug: "escola" });
});
afterEach(() => vi.unstubAllGlobals());

describe("connectRealtime", () => {
  it("streams with the token in the URL and writes each event into the cache", () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData<InfinitePages<Message>>(queryKeys.messages("c1"), {
      pages: [{ items: [aMessage({ id: "o1", direction: "outbound", status: "sent" })], next_cursor: null }],
      pageParams: [undefined],
    });
    const stop = connectRealtime({ queryClient, origin: "http://panel.test", EventSourceImpl: FakeEventSource as unknown as typeof EventSource });
    const source = latest();
    expect(source.url).toBe("http://panel.test/api/v1/events?access_token=access-1");
    source.open();
    expect(realtimeStatusStore.get()).toBe("live");
    source.emit("message.status", "41", { id: 41, kind: "message.status", data: { message_id: "o1", conversation_id: "c1", status: "read", error: null } });
    expect(queryClient.getQueryData<InfinitePages<Message>>(queryKeys.messages("c1"))?.pages[0].items[0].status).toBe("read");
    stop();
    expect(source.readyState).toBe(FakeEventSource.CLOSED);
  });

  it("refreshes the token when the stream closes for it and resumes after the last event", async () => {
    const { calls } = fakeFetch(() => json(200, tokenPair("access-2", "refresh-2")));
    const stop = connectRealtime({ queryClient: new QueryClient(), origin: "http://panel.test", EventSourceImpl: FakeEventSource as unknown as typeof EventSource });
    const first = latest();
    first.open();
    first.emit("contact.created", "57", { id: 57, kind: "contact.created", data: { id: "k1" } });
    first.emit("stream.closed", "", { reason: "token_expired" });
    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(2));
    expect(calls.map((call) => new URL(call.url).pathname)).toEqual(["/api/v1/auth/refresh"]);
    expect(params(latest())).toEqual({ access_token: "access-2", last_event_id: "57" });
    expect(first.readyState).toBe(FakeEventSource.CLOSED);
    stop();
  });

  it("reloads what is on screen when told that events were missed", () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(queryKeys.counters, { all: 1 });
    const stop = connectRealtime({ queryClient, origin: "http://panel.test", EventSourceImpl: FakeEventSource as unknown as typeof EventSource });
    latest().emit("stream.reset", "9000", { reason: "too_many_missed_events" });
    expect(queryClient.getQueryState(queryKeys.counters)?.isInvalidated).toBe(true);
    stop();
  });

  it("reconnects after the server refused the stream (an expired token: 401)", async () => {
    fakeFetch(() => json(200, tokenPair("access-3", "refresh-3")));
    const stop = connectRealtime({ queryClient: new QueryClient(), origin: "http://panel.test", EventSourceImpl: FakeEventSource as unknown as typeof EventSource });
    latest().fail();
    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(2), { timeout: 3000 });
    expect(params(latest()).access_token).toBe("access-3");
    stop();
  });
});
