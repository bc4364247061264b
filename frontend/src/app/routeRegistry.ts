import type { AppRoute } from "@/app/types/AppRoute";
import { lazyPage } from "@/app/utils/lazyPage";
import { prefetchInbox } from "@/modules/inbox/utils/prefetchInbox";

/**
 * Every page and its stable, bookmarkable path. A new capability (campaigns, pipeline, calendar...)
 * adds a page in src/pages/, one line here and, if it has a menu entry, one in navRegistry.
 */
export const routeRegistry: AppRoute[] = [
  { path: "/login", access: "public", page: lazyPage(() => import("@/pages/LoginPage"), "LoginPage") },
  { path: "/signup", access: "public", page: lazyPage(() => import("@/pages/SignupPage"), "SignupPage") },
  { path: "/inbox", access: "app", page: lazyPage(() => import("@/pages/InboxPage"), "InboxPage"), prefetch: prefetchInbox },
  { path: "/inbox/:conversationId", access: "app", page: lazyPage(() => import("@/pages/InboxPage"), "InboxPage"), prefetch: prefetchInbox },
  { path: "/contacts", access: "app", page: lazyPage(() => import("@/pages/ContactsPage"), "ContactsPage") },
  { path: "/contacts/:contactId", access: "app", page: lazyPage(() => import("@/pages/ContactPage"), "ContactPage") },
  { path: "/channels", access: "app", page: lazyPage(() => import("@/pages/ChannelsPage"), "ChannelsPage") },
  { path: "/team", access: "app", page: lazyPage(() => import("@/pages/TeamPage"), "TeamPage") },
  { path: "/settings", access: "app", page: lazyPage(() => import("@/pages/SettingsPage"), "SettingsPage") },
  { path: "/settings/:section", access: "app", page: lazyPage(() => import("@/pages/SettingsPage"), "SettingsPage") },
  { path: "/dashboard", access: "app", page: lazyPage(() => import("@/pages/DashboardPage"), "DashboardPage") },
  { path: "/ai", access: "app", page: lazyPage(() => import("@/pages/AiSettingsPage"), "AiSettingsPage") },
  { path: "/ai/knowledge", access: "app", page: lazyPage(() => import("@/pages/AiKnowledgePage"), "AiKnowledgePage") },
  { path: "/ai/test", access: "app", page: lazyPage(() => import("@/pages/AiTestChatPage"), "AiTestChatPage") },
  { path: "/ai/board", access: "app", page: lazyPage(() => import("@/pages/AiBoardPage"), "AiBoardPage") },
  { path: "/agenda", access: "app", page: lazyPage(() => import("@/pages/AgendaPage"), "AgendaPage") },
];
