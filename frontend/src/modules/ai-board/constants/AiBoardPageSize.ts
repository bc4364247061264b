/** Cards fetched per column and per "load more". */
export const AiBoardPageSize = 20;
