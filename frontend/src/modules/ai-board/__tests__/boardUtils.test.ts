import { describe, expect, it } from "vitest";
import { appendColumnPage } from "@/modules/ai-board/utils/appendColumnPage";
import { boardColumns } from "@/modules/ai-board/utils/boardColumns";
import { findCard } from "@/modules/ai-board/utils/findCard";
import { moveCard } from "@/modules/ai-board/utils/moveCard";
import { boardCard, sampleBoard } from "@/modules/ai-board/__tests__/boardFixtures";

const ids = (column: { items: { conversation_id: string }[] }) => column.items.map((card) => card.conversation_id);

describe("boardColumns", () => {
  it("lists every column in the board's order, empty ones included, unknown ones dropped", () => {
    const board = sampleBoard();
    board.columns.push({ status: "archived", count: 3, items: [], next_cursor: null });
    const columns = boardColumns(board);
    expect(columns.map((column) => column.status)).toEqual(["qualifying", "qualified", "scheduled", "awaiting_human", "converted", "lost"]);
    expect(columns.map((column) => column.count)).toEqual([2, 1, 0, 0, 0, 0]);
    expect(boardColumns(undefined).every((column) => column.items.length === 0)).toBe(true);
  });
});

describe("moveCard", () => {
  it("takes the card out of its column and puts it on top of the target, counts following", () => {
    const board = sampleBoard();
    const bruno = findCard(board, "c2")!;
    const moved = moveCard(board, bruno, "qualified");
    const [qualifying, qualified] = moved.columns;
    expect(ids(qualifying)).toEqual(["c1"]);
    expect(qualifying.count).toBe(1);
    expect(ids(qualified)).toEqual(["c2", "c3"]);
    expect(qualified.count).toBe(2);
    expect(findCard(moved, "c2")?.status).toBe("qualified");
    expect(board.columns[0].count).toBe(2); // the original is untouched (the rollback snapshot)
  });

  it("counts a card into a column the board has not loaded cards of", () => {
    const board = { columns: [...sampleBoard().columns, { status: "lost", count: 4, items: [], next_cursor: "x" }] };
    const moved = moveCard(board, findCard(board, "c1")!, "lost");
    const lost = moved.columns.find((column) => column.status === "lost")!;
    expect(lost.count).toBe(5);
    expect(ids(lost)).toEqual(["c1"]);
  });

  it("changes nothing when the card is dropped on its own column", () => {
    const board = sampleBoard();
    expect(moveCard(board, findCard(board, "c3")!, "qualified")).toBe(board);
  });
});

describe("appendColumnPage", () => {
  it("appends the next page to its column without repeating a card already shown", () => {
    const board = sampleBoard();
    const page = { status: "qualifying", count: 3, items: [boardCard("c2", "qualifying", "Bruno"), boardCard("c9", "qualifying", "Zeca")], next_cursor: null };
    const next = appendColumnPage(board, page);
    expect(ids(next.columns[0])).toEqual(["c1", "c2", "c9"]);
    expect(next.columns[0].count).toBe(3);
    expect(next.columns[1]).toBe(board.columns[1]);
  });
});
