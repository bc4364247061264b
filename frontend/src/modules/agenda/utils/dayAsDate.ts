/** A calendar day ("YYYY-MM-DD") as an instant inside that day in every time zone (noon UTC), for formatting. */
export const dayAsDate = (day: string): string => `${day}T12:00:00Z`;
