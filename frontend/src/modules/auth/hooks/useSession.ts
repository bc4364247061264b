import { useSyncExternalStore } from "react";
import { sessionStore } from "@/modules/auth/states/sessionStore";
import type { Session } from "@/modules/auth/types/Session";

/** The signed-in session (null when signed out); re-renders when any tab changes it. */
export const useSession = (): Session | null => useSyncExternalStore(sessionStore.subscribe, sessionStore.get, sessionStore.get);
