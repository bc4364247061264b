import { QueryClient } from "@tanstack/react-query";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { queryKeys } from "@/api/queryKeys";
import { AiBoardScreen } from "@/modules/ai-board/components/AiBoardScreen";
import { boardCard, sampleBoard } from "@/modules/ai-board/__tests__/boardFixtures";
import { fakeFetch, json } from "@/test/fakeFetch";
import { renderWithProviders } from "@/test/renderWithProviders";

afterEach(() => vi.unstubAllGlobals());

function column(name: string) {
  return screen.getByRole("region", { name });
}

function setup(answerMove: (status: string) => Promise<Response>) {
  const moves: string[] = [];
  fakeFetch(async (request) => {
    const url = new URL(request.url);
    if (url.pathname === "/api/v1/ai/board") return json(200, sampleBoard());
    if (url.pathname === "/api/v1/users") return json(200, { items: [], next_cursor: null });
    if (url.pathname.endsWith("/move")) {
      const { status } = (await request.json()) as { status: string };
      moves.push(status);
      return answerMove(status);
    }
    return json(404, { title: "Not found", status: 404 });
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  renderWithProviders(<AiBoardScreen />, { queryClient });
  return { moves, queryClient, user: userEvent.setup() };
}

describe("AiBoardScreen", () => {
  it("shows every column with its count and cards linking to the conversation", async () => {
    setup(async () => json(200, {}));
    const awaiting = await screen.findByRole("region", { name: "Aguardando IA" });
    expect(within(awaiting).getByLabelText("2 conversas")).toBeTruthy();
    expect(within(awaiting).getByRole("link", { name: "Ana" }).getAttribute("href")).toBe("/inbox/c1");
    expect(within(column("Agendados")).getByText("Nenhuma conversa")).toBeTruthy();
    expect(within(awaiting).getAllByText("1 de 5 perguntas").length).toBe(2);
  });

  it("moves a card at once with the keyboard menu, and puts it back when the server refuses", async () => {
    let refuse: (response: Response) => void = () => undefined;
    const { moves, user } = setup(() => new Promise<Response>((resolve) => (refuse = resolve)));
    await screen.findByRole("region", { name: "Aguardando IA" });
    await user.click(screen.getByRole("button", { name: "Mover Bruno para" }));
    await user.click(screen.getByRole("menuitem", { name: "Perdidos" }));

    // optimistic: Bruno is in "Perdidos" before the server answers
    expect(within(column("Perdidos")).getByRole("link", { name: "Bruno" })).toBeTruthy();
    expect(within(column("Aguardando IA")).queryByRole("link", { name: "Bruno" })).toBeNull();
    expect(within(column("Perdidos")).getByLabelText("1 conversa")).toBeTruthy();
    await waitFor(() => expect(moves).toEqual(["lost"]));

    refuse(json(422, { title: "Invalid", status: 422, errors: [{ field: "status", message: "no" }] }));
    await waitFor(() => expect(within(column("Aguardando IA")).getByRole("link", { name: "Bruno" })).toBeTruthy());
    expect(within(column("Perdidos")).queryByRole("link", { name: "Bruno" })).toBeNull();
    expect(within(column("Aguardando IA")).getByLabelText("2 conversas")).toBeTruthy();
  });

  it("keeps the server's card after an accepted move", async () => {
    const { queryClient, user } = setup(async (status) => json(200, { ...boardCard("c1", status, "Ana"), ai_active: false }));
    await screen.findByRole("region", { name: "Aguardando IA" });
    await user.click(screen.getByRole("button", { name: "Mover Ana para" }));
    await user.click(screen.getByRole("menuitem", { name: "Aguardando humano" }));
    await waitFor(() => expect(within(column("Aguardando humano")).getByRole("link", { name: "Ana" })).toBeTruthy());
    const board = queryClient.getQueryData<ReturnType<typeof sampleBoard>>(queryKeys.aiBoard);
    expect(board?.columns.flatMap((c) => c.items).find((card) => card.conversation_id === "c1")?.ai_active).toBe(false);
  });
});
