/** The largest knowledge-base file the API accepts (3 MB per request). */
export const AiMaxUploadBytes = 3 * 1024 * 1024;
