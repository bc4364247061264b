import { fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { queryKeys } from "@/api/queryKeys";
import { Composer } from "@/modules/inbox/components/Composer";
import { aChannel, aConversation, aMessage } from "@/test/factories";
import { fakeFetch, json } from "@/test/fakeFetch";
import { fakeUploads } from "@/test/fakeUploads";
import { renderWithProviders } from "@/test/renderWithProviders";

afterEach(() => vi.unstubAllGlobals());

const uploaded = { id: "up1", type: "image", filename: "sala.png", mime_type: "image/png", size: 2048, sha256: "", created_at: "2026-11-21T12:00:00Z" };

const composer = (channel = aChannel()) => {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Number.POSITIVE_INFINITY } } });
  queryClient.setQueryData(queryKeys.channels, [channel]);
  return renderWithProviders(<Composer conversation={aConversation({ window_open: true, channel_id: channel.id })} replyTo={null} onClearReply={() => {}} />, {
    locale: "en",
    queryClient,
  });
};

describe("Composer", () => {
  it("uploads an attached photo, previews it and sends it with the text as its caption", async () => {
    const forms = fakeUploads({ status: 201, body: uploaded });
    const { calls } = fakeFetch(() => json(202, aMessage({ id: "m9", type: "image", status: "queued" })));
    composer();
    const photo = new File([new Uint8Array(2048)], "sala.png", { type: "image/png" });
    await userEvent.upload(screen.getByLabelText("File"), photo);

    const attached = screen.getByRole("group", { name: "Attached file" });
    expect(attached.textContent).toContain("sala.png");
    expect(screen.getByRole("img", { name: "sala.png" })).toBeTruthy();
    expect(await screen.findByText("Ready to send")).toBeTruthy();
    expect((forms[0].get("file") as File).name).toBe("sala.png");

    await userEvent.type(screen.getByLabelText("Message"), "Nossa sala{Enter}");
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(await calls[0].json()).toEqual({ type: "image", content: { upload_id: "up1", caption: "Nossa sala" } });
    expect(screen.queryByRole("group", { name: "Attached file" })).toBeNull();
  });

  it("refuses a file WhatsApp does not take, before uploading it", async () => {
    const forms = fakeUploads({ status: 201, body: uploaded });
    composer();
    fireEvent.change(screen.getByLabelText("File"), { target: { files: [new File(["GIF89a"], "anim.gif", { type: "image/gif" })] } });
    expect(forms).toHaveLength(0);
    expect(screen.queryByRole("group", { name: "Attached file" })).toBeNull();
  });

  it("offers no attachment on a channel that sends no uploaded files", () => {
    composer(aChannel({ id: "ch2", type: "probe", upload_rules: {} }));
    expect(screen.queryByRole("button", { name: "Attach a file" })).toBeNull();
    expect(screen.queryByLabelText("File")).toBeNull();
  });

  it("shows the server's reason when the upload is refused, and does not send", async () => {
    fakeUploads({ status: 413, body: { status: 413, code: "file_too_large", detail: "an image file may have at most 5 MB" } });
    composer();
    await userEvent.upload(screen.getByLabelText("File"), new File(["x"], "foto.jpg", { type: "image/jpeg" }));
    expect((await screen.findByRole("alert")).textContent).toBe("an image file may have at most 5 MB");
    expect(screen.getByRole("button", { name: "Send" })).toHaveProperty("disabled", true);
  });

  it("schedules the text at a time on the company's clock", async () => {
    const { calls } = fakeFetch(() => json(202, aMessage({ id: "m10", status: "scheduled" })));
    composer();
    await userEvent.type(screen.getByLabelText("Message"), "Bom dia!");
    await userEvent.click(screen.getByRole("button", { name: "Schedule" }));
    const when = screen.getByLabelText("Send at (America/Sao_Paulo time)");
    fireEvent.change(when, { target: { value: "2099-12-30T09:15" } });
    await userEvent.click(screen.getAllByRole("button", { name: "Schedule" }).at(-1)!);
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(await calls[0].json()).toEqual({ type: "text", text: "Bom dia!", scheduled_at: "2099-12-30T09:15:00-03:00" });
  });
});
