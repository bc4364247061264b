import type { InfiniteData } from "@tanstack/react-query";
import type { Page } from "@/api/schemas";

/** An infinite query's cache: cursor pages in the order they were loaded. */
export type InfinitePages<T> = InfiniteData<Page<T>, string | undefined>;
