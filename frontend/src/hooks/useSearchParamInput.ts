import { useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { useSetSearchParam } from "@/hooks/useSetSearchParam";

/**
 * A search box bound to the query-string parameter `key`: the text changes at once, the URL
 * (and so the search) once typing pauses for `delay` ms.
 */
export function useSearchParamInput(key: string, delay = 300): [string, (value: string) => void] {
  const [params] = useSearchParams();
  const setParam = useSetSearchParam();
  const [text, setText] = useState(params.get(key) ?? "");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const change = (value: string) => {
    setText(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setParam(key, value.trim()), delay);
  };
  return [text, change];
}
