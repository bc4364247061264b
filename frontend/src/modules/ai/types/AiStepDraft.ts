/** A qualification step being edited: a stable id for React and focus, and its properties as text. */
export type AiStepDraft = { uid: string; values: Record<string, string> };
