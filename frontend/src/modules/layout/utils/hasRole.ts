const ORDER = ["agent", "admin", "owner"];

/** Whether `role` is at least `minimum` (agent < admin < owner). */
export const hasRole = (role: string | undefined, minimum: "agent" | "admin" | "owner"): boolean =>
  ORDER.indexOf(role ?? "") >= ORDER.indexOf(minimum);
