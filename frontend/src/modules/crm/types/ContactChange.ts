import type { TagRef } from "@/api/schemas";

/** Contact fields that other screens show too (conversation rows, contact tables). */
export type ContactChange = {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  stage_key?: string | null;
  assignee_id?: string | null;
  tags?: TagRef[];
};
