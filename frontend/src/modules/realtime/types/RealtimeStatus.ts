/** The state of the realtime stream, shown discreetly in the shell. */
export type RealtimeStatus = "connecting" | "live" | "offline";
