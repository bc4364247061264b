/** The id prefix of a message shown before the server answered (an optimistic placeholder). */
export const LOCAL_ID_PREFIX = "local-";
