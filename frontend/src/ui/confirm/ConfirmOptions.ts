/** What a confirm dialog asks. */
export type ConfirmOptions = {
  title: string;
  body?: string;
  confirmLabel: string;
  /** Destructive actions get a red confirm button and focus starts on "Cancel". */
  destructive?: boolean;
};
