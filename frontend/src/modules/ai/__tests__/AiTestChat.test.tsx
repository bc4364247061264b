import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AiTestChat } from "@/modules/ai/components/AiTestChat";
import { fakeFetch, json } from "@/test/fakeFetch";
import { renderWithProviders } from "@/test/renderWithProviders";

afterEach(() => vi.unstubAllGlobals());

const reply = (text: string, toolCalls: unknown[] = []) => ({
  reply: text,
  model: "gpt-4o-mini",
  tool_calls: toolCalls,
  knowledge: [{ chunk_id: "k1", document_id: "d1", title: "Mensalidades", text: "A mensalidade é de R$ 349.", score: 0.0328, matched_by: ["text", "vector"] }],
});

describe("AiTestChat", { timeout: 20_000 }, () => { // many user events: slow on a busy machine
  it("sends the whole transcript with the lead each time and shows each reply's model, tools and knowledge", async () => {
    const answers = [reply("Olá, Rita! Em que curso você se formou?"), reply("Obrigado! Em que área você trabalha?", [{ name: "record_answer", arguments: { field: "graduation", value: "Direito" }, result: { recorded: "graduation" }, source: "model" }])];
    const { calls } = fakeFetch(() => json(200, answers.shift()));
    renderWithProviders(<AiTestChat />, { locale: "en" });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Lead's name"), "Rita Lima");
    await user.type(screen.getByLabelText("Interest"), "MBA");
    await user.type(screen.getByRole("textbox", { name: "Lead's message" }), "Quanto custa?{Enter}");
    const log = screen.getByRole("log", { name: "Test messages" });
    expect(await within(log).findByText("Olá, Rita! Em que curso você se formou?")).toBeTruthy();

    await user.type(screen.getByRole("textbox", { name: "Lead's message" }), "Direito{Enter}");
    const second = await within(log).findByText("Obrigado! Em que área você trabalha?");
    const article = second.closest("article") as HTMLElement;
    expect(within(article).getByTestId("ai-reply-model").textContent).toBe("gpt-4o-mini");
    expect(within(article).getByText("Tools called (1)")).toBeTruthy();
    expect(within(article).getByText("record_answer")).toBeTruthy();
    expect(within(article).getByText("Knowledge used (1)")).toBeTruthy();
    expect(within(article).getByText("A mensalidade é de R$ 349.")).toBeTruthy();

    expect(calls.map((call) => new URL(call.url).pathname)).toEqual(["/api/v1/ai/test-chat", "/api/v1/ai/test-chat"]);
    expect(await calls[1].json()).toEqual({
      messages: [
        { role: "user", content: "Quanto custa?" },
        { role: "assistant", content: "Olá, Rita! Em que curso você se formou?" },
        { role: "user", content: "Direito" },
      ],
      lead: { name: "Rita Lima", interest: "MBA" },
    });

    await user.click(screen.getByRole("button", { name: "Start over" }));
    expect(within(log).queryAllByRole("article")).toHaveLength(0);
  });

  it("keeps the lead's message when the provider is down and sends it again on retry", async () => {
    const answers = [json(503, { code: "ai_provider_unavailable", status: 503, title: "AI provider unavailable" }), json(200, reply("Olá!"))];
    const { calls } = fakeFetch(() => answers.shift() as Response);
    renderWithProviders(<AiTestChat />, { locale: "en" });
    const user = userEvent.setup();
    await user.type(screen.getByRole("textbox", { name: "Lead's message" }), "Oi{Enter}");
    expect((await screen.findByRole("alert")).textContent).toContain("The AI provider did not answer");
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("Olá!")).toBeTruthy();
    expect(await calls[1].json()).toMatchObject({ messages: [{ role: "user", content: "Oi" }] });
  });
});
