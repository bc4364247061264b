import { useSyncExternalStore } from "react";
import { realtimeStatusStore } from "@/modules/realtime/states/realtimeStatusStore";
import type { RealtimeStatus } from "@/modules/realtime/types/RealtimeStatus";

/** Whether the realtime stream is live. */
export const useRealtimeStatus = (): RealtimeStatus =>
  useSyncExternalStore(realtimeStatusStore.subscribe, realtimeStatusStore.get, realtimeStatusStore.get);
