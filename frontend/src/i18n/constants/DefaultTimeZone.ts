/** The time zone used until the company's is known (most customers are in Brazil). */
export const DefaultTimeZone = "America/Sao_Paulo";
