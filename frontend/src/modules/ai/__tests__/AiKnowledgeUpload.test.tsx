import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AiKnowledgeBase } from "@/modules/ai/components/AiKnowledgeBase";
import { ConfirmProvider } from "@/ui/confirm/ConfirmProvider";
import { fakeFetch, json } from "@/test/fakeFetch";
import { fakeUploads } from "@/test/fakeUploads";
import { renderWithProviders } from "@/test/renderWithProviders";

afterEach(() => vi.unstubAllGlobals());

const document = {
  id: "d1",
  title: "catalogo",
  source: "file",
  filename: "catalogo.pdf",
  chunk_count: 2,
  embedding_status: "disabled",
  embedding_model: null,
  embedding_error: null,
  text: "MBA em Direito Digital.\n\nMensalidade de R$ 420.",
  chunks: [
    { position: 0, text: "MBA em Direito Digital.", embedded: false },
    { position: 1, text: "Mensalidade de R$ 420.", embedded: false },
  ],
  created_at: "2026-11-21T12:00:00+00:00",
  updated_at: "2026-11-21T12:00:00+00:00",
};

describe("knowledge base upload", { timeout: 20_000 }, () => { // many user events: slow on a busy machine
  it("refuses other file types before sending, shows the server's verdict on the file, then the new document's chunks", async () => {
    fakeFetch((request) => (new URL(request.url).pathname.endsWith("/d1") ? json(200, document) : json(200, { items: [], next_cursor: null })));
    const uploads = fakeUploads(
      { status: 422, body: { status: 422, code: "invalid", detail: "no text", errors: [{ field: "file", message: "this PDF has no text (a scanned document?)" }] } },
      { status: 201, body: document },
    );
    renderWithProviders(
      <ConfirmProvider>
        <AiKnowledgeBase canManage />
      </ConfirmProvider>,
      { locale: "en" },
    );
    const user = userEvent.setup({ applyAccept: false });
    await user.click(await screen.findByRole("button", { name: "Upload a file" }));
    const dialog = screen.getByRole("dialog", { name: "Upload a file" });

    await user.upload(within(dialog).getByLabelText("File"), new File(["PK"], "contrato.docx"));
    expect(within(dialog).getByText("Send a .txt, .md or .pdf file.")).toBeTruthy();
    expect(within(dialog).getByRole("button", { name: "Upload" })).toHaveProperty("disabled", true);

    await user.upload(within(dialog).getByLabelText("File"), new File(["%PDF-1.4"], "catalogo.pdf", { type: "application/pdf" }));
    await user.click(within(dialog).getByRole("button", { name: "Upload" }));
    expect(await within(dialog).findByText("this PDF has no text (a scanned document?)")).toBeTruthy();
    expect(uploads.paths[0]).toBe("/api/v1/ai/knowledge");
    expect((uploads[0].get("file") as File).name).toBe("catalogo.pdf");

    await user.click(within(dialog).getByRole("button", { name: "Upload" }));
    const opened = await screen.findByRole("dialog", { name: "catalogo" });
    const chunks = within(within(opened).getByRole("list", { name: "Passages, in order" })).getAllByRole("listitem");
    expect(chunks.map((chunk) => chunk.textContent)).toEqual(["Passage 1MBA em Direito Digital.", "Passage 2Mensalidade de R$ 420."]);
  });
});
