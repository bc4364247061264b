import { vi } from "vitest";

export type UploadAnswer = { status: number; body: unknown };

/**
 * An HTTP-level fake of `XMLHttpRequest` (the transport of uploads with progress): records each
 * request's path and form, reports half the upload done, then answers with the next of `answers`
 * (the last one repeats).
 */
export function fakeUploads(...answers: UploadAnswer[]) {
  const forms: FormData[] = [];
  const paths: string[] = [];
  class FakeXhr {
    status = 0;
    response: unknown = null;
    responseType = "";
    upload: { onprogress?: (event: { lengthComputable: boolean; loaded: number; total: number }) => void } = {};
    onload?: () => void;
    onerror?: () => void;
    onabort?: () => void;
    open(_method: string, path: string) {
      paths.push(path);
    }
    setRequestHeader() {}
    abort() {}
    send(form: FormData) {
      const answer = answers[Math.min(forms.length, answers.length - 1)];
      forms.push(form);
      this.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 });
      setTimeout(() => {
        this.status = answer.status;
        this.response = answer.body;
        this.onload?.();
      }, 0);
    }
  }
  vi.stubGlobal("XMLHttpRequest", FakeXhr);
  return Object.assign(forms, { paths });
}
