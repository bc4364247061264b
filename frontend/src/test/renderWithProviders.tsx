import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { MemoryRouter } from "react-router";
import { I18nProvider } from "@/i18n/I18nProvider";

/** Render `ui` with the panel's providers (a fresh query cache, pt-BR in São Paulo unless told). */
export function renderWithProviders(ui: ReactElement, options: { queryClient?: QueryClient; locale?: string; timeZone?: string } = {}) {
  const queryClient = options.queryClient ?? new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter>
        <I18nProvider tenantLocale={options.locale ?? "pt-BR"} timeZone={options.timeZone ?? "America/Sao_Paulo"}>
          {ui}
        </I18nProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { ...result, queryClient };
}
