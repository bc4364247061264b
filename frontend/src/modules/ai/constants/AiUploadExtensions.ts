/** The file types the knowledge base reads. */
export const AiUploadExtensions = [".txt", ".md", ".pdf"];
