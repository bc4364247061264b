/** The contact table's filters, as GET /api/v1/contacts takes them. */
export type ContactFilters = { q?: string; tag?: string; stage?: string; assignee?: string };
