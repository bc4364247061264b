import { screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MessageBubble } from "@/modules/inbox/components/MessageBubble";
import { aMessage } from "@/test/factories";
import { fakeFetch, json } from "@/test/fakeFetch";
import { renderWithProviders } from "@/test/renderWithProviders";

afterEach(() => vi.unstubAllGlobals());

const bubble = (overrides: Parameters<typeof aMessage>[0], reactions: string[] = []) =>
  renderWithProviders(<MessageBubble message={aMessage(overrides)} reactions={reactions} replyTo={null} />, { locale: "en" });

describe("MessageBubble", () => {
  it("shows an outgoing message's delivery state to assistive technology", () => {
    bubble({ direction: "outbound", status: "read", text: "Claro!" });
    expect(screen.getByRole("img", { name: "Read" })).toBeTruthy();
  });

  it("explains why a message failed", () => {
    bubble({ direction: "outbound", status: "failed", error: { code: "131047", message: "More than 24 hours have passed" } });
    expect(screen.getByRole("img", { name: "Failed" })).toBeTruthy();
    expect(screen.getByRole("note").textContent).toBe("Not sent: More than 24 hours have passed");
  });

  it("renders media, documents and locations", () => {
    bubble({ type: "image", content: { url: "https://cdn.example/folder.jpg", caption: "Nosso folder" } });
    expect(screen.getByRole("img", { name: "Nosso folder" })).toHaveProperty("src", "https://cdn.example/folder.jpg");
    bubble({ id: "d", type: "document", content: { url: "https://cdn.example/p.pdf", filename: "proposta.pdf" } });
    expect(screen.getByRole("link", { name: "proposta.pdf" })).toHaveProperty("href", "https://cdn.example/p.pdf");
    bubble({ id: "l", type: "location", content: { latitude: -23.55, longitude: -46.63, name: "Escola Aurora" } });
    expect(screen.getByRole("link", { name: /Escola Aurora/ }).getAttribute("href")).toContain("mlat=-23.55");
  });

  it("shows an audio player and the reactions on a message", () => {
    const { container } = bubble({ type: "audio", content: { url: "https://cdn.example/a.ogg" } }, ["❤️"]);
    expect(container.querySelector("audio")?.getAttribute("src")).toBe("https://cdn.example/a.ogg");
    expect(screen.getByLabelText("Reactions: ❤️")).toBeTruthy();
  });

  it("downloads a received media through Atrium's media proxy with the agent's token", async () => {
    const { calls } = fakeFetch(() => new Response(new Blob(["video bytes"]), { status: 200, headers: { "Content-Type": "video/mp4" } }));
    const { container } = bubble({ id: "v1", conversation_id: "c9", type: "video", content: { media_id: "123" } });
    await waitFor(() => expect(container.querySelector("video")?.getAttribute("src")).toMatch(/^blob:/));
    expect(new URL(calls[0].url).pathname).toBe("/api/v1/conversations/c9/messages/v1/media");
  });

  it("says so when the provider no longer has the file", async () => {
    fakeFetch(() => json(502, { code: "provider_unavailable", status: 502 }));
    bubble({ id: "v2", type: "image", content: { media_id: "456", caption: "Planta" } });
    expect(await screen.findByText("Image (the file could not be downloaded)")).toBeTruthy();
    expect(screen.getByText("Planta")).toBeTruthy();
  });
});
