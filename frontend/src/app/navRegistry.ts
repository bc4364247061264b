import { Bot, Cable, CalendarDays, LayoutDashboard, MessageSquare, Settings, Users, UsersRound } from "lucide-react";
import type { NavItem } from "@/app/types/NavItem";

/** The main navigation, in order. New capabilities add their entry here. */
export const navRegistry: NavItem[] = [
  { to: "/inbox", label: "nav.inbox", icon: MessageSquare, primary: true },
  { to: "/contacts", label: "nav.contacts", icon: UsersRound, primary: true },
  { to: "/dashboard", label: "nav.dashboard", icon: LayoutDashboard, primary: true },
  { to: "/ai", label: "nav.ai", icon: Bot },
  { to: "/agenda", label: "nav.agenda", icon: CalendarDays },
  { to: "/channels", label: "nav.channels", icon: Cable },
  { to: "/team", label: "nav.team", icon: Users },
  { to: "/settings", label: "nav.settings", icon: Settings, primary: true },
];
