import { QueryClientProvider } from "@tanstack/react-query";
import { Suspense, useState } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router";
import { Toaster } from "sonner";
import { createQueryClient } from "@/api/createQueryClient";
import { routeRegistry } from "@/app/routeRegistry";
import { prefetchRoute } from "@/app/utils/prefetchRoute";
import { TenantI18n } from "@/app/TenantI18n";
import { useCacheFollowsSession } from "@/modules/auth/hooks/useCacheFollowsSession";
import { useSession } from "@/modules/auth/hooks/useSession";
import { AppShell } from "@/modules/layout/components/AppShell";
import { RequireSession } from "@/modules/layout/components/RequireSession";
import { ConfirmProvider } from "@/ui/confirm/ConfirmProvider";

function Home() {
  return <Navigate to={useSession() ? "/inbox" : "/login"} replace />;
}

/** The panel: providers, the public pages and the signed-in shell with its pages. */
export function App() {
  const [queryClient] = useState(() => {
    const client = createQueryClient();
    prefetchRoute(client);
    return client;
  });
  useCacheFollowsSession(queryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <TenantI18n>
          <ConfirmProvider>
            <Suspense fallback={null}>
              <Routes>
                {routeRegistry
                  .filter((route) => route.access === "public")
                  .map((route) => (
                    <Route key={route.path} path={route.path} element={<route.page />} />
                  ))}
                <Route
                  element={
                    <RequireSession>
                      <AppShell />
                    </RequireSession>
                  }
                >
                  {routeRegistry
                    .filter((route) => route.access === "app")
                    .map((route) => (
                      <Route key={route.path} path={route.path} element={<route.page />} />
                    ))}
                </Route>
                <Route path="*" element={<Home />} />
              </Routes>
            </Suspense>
            <Toaster position="top-right" richColors closeButton />
          </ConfirmProvider>
        </TenantI18n>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
