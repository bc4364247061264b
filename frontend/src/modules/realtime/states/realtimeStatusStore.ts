import type { RealtimeStatus } from "@/modules/realtime/types/RealtimeStatus";

let status: RealtimeStatus = "connecting";
const listeners = new Set<() => void>();

/** The realtime stream's state, for `useRealtimeStatus`. */
export const realtimeStatusStore = {
  get: (): RealtimeStatus => status,
  set(next: RealtimeStatus) {
    if (next === status) return;
    status = next;
    listeners.forEach((listener) => listener());
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
