import { useCallback } from "react";
import { useSearchParams } from "react-router";

/** `set(key, value)` for one query-string parameter (removed when empty), replacing the history entry. */
export function useSetSearchParam(): (key: string, value: string) => void {
  const [, setParams] = useSearchParams();
  return useCallback(
    (key, value) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
}
