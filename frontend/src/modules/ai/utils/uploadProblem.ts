import { AiMaxUploadBytes } from "@/modules/ai/constants/AiMaxUploadBytes";
import { AiUploadExtensions } from "@/modules/ai/constants/AiUploadExtensions";

/** Why `file` cannot be sent to the knowledge base (`type` or `size`), or null when it can. */
export function uploadProblem(file: Pick<File, "name" | "size">): "type" | "size" | null {
  const name = file.name.toLowerCase();
  if (!AiUploadExtensions.some((extension) => name.endsWith(extension))) return "type";
  if (file.size > AiMaxUploadBytes) return "size";
  return null;
}
