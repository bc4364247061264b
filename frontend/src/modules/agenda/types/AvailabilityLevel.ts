/** How free a day is: `closed` (no business hours), `none` (all taken), `few`, `some`, `many`. */
export type AvailabilityLevel = "closed" | "none" | "few" | "some" | "many";
