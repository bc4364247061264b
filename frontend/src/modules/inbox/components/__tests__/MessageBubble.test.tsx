import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { MessageBubble } from "@/modules/inbox/components/MessageBubble";
import { aMessage } from "@/test/factories";
import { renderWithProviders } from "@/test/renderWithProviders";

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

  it("shows an audio player, reactions and a received media the provider keeps", () => {
    const { container } = bubble({ type: "audio", content: { url: "https://cdn.example/a.ogg" } }, ["❤️"]);
    expect(container.querySelector("audio")?.getAttribute("src")).toBe("https://cdn.example/a.ogg");
    expect(screen.getByLabelText("Reactions: ❤️")).toBeTruthy();
    bubble({ id: "v", type: "video", content: { media_id: "123" } });
    expect(screen.getByText("Video (the file stays with the provider)")).toBeTruthy();
  });
});
