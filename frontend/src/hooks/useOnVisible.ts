import { type RefObject, useEffect } from "react";

/** Call `onVisible` whenever the element of `ref` scrolls into view (infinite scroll sentinels). */
export function useOnVisible(ref: RefObject<Element | null>, onVisible: () => void, enabled = true): void {
  useEffect(() => {
    const element = ref.current;
    if (!element || !enabled || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) onVisible();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, onVisible, enabled]);
}
