/** The AI agent's states of a conversation: the board's columns (`qualifying` is "awaiting AI"). */
export type AiBoardStatus = "qualifying" | "qualified" | "scheduled" | "awaiting_human" | "converted" | "lost";
