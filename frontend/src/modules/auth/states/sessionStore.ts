import type { Session } from "@/modules/auth/types/Session";

const STORAGE_KEY = "atrium.session";

type Listener = () => void;

function read(): Session | null {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

/**
 * The signed-in session: in memory, persisted in localStorage so every tab (and a reload)
 * shares the one rotating refresh token; tabs follow each other through the `storage` event.
 */
function createSessionStore() {
  let current = read();
  const listeners = new Set<Listener>();
  const notify = () => listeners.forEach((listener) => listener());

  globalThis.addEventListener?.("storage", (event: StorageEvent) => {
    if (event.key !== STORAGE_KEY && event.key !== null) return;
    current = read();
    notify();
  });

  return {
    get: (): Session | null => current,
    /** The session as stored now (another tab may have rotated the tokens). */
    reload: (): Session | null => {
      current = read();
      return current;
    },
    set(session: Session | null) {
      current = session;
      if (session) globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(session));
      else globalThis.localStorage?.removeItem(STORAGE_KEY);
      notify();
    },
    subscribe(listener: Listener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const sessionStore = createSessionStore();
