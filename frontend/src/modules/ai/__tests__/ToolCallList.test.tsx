import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ToolCallList } from "@/modules/ai/components/ToolCallList";
import { renderWithProviders } from "@/test/renderWithProviders";

describe("ToolCallList", () => {
  it("lists each tool by name and caller, collapsed, opening on its arguments and result", async () => {
    renderWithProviders(
      <ToolCallList
        calls={[
          { name: "record_answer", arguments: { field: "graduation", value: "Administração, 2015" }, result: { recorded: "graduation" }, source: "model" },
          { name: "get_free_slots", arguments: {}, result: { slots: [] }, source: "context" },
        ]}
      />,
      { locale: "en" },
    );
    const items = within(screen.getByRole("list", { name: "Tools called" })).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(items[0].textContent).toContain("record_answer");
    expect(items[0].textContent).toContain("model");
    expect(items[1].textContent).toContain("context");
    const details = items[0].querySelector("details");
    expect(details?.open).toBe(false);
    await userEvent.setup().click(within(items[0]).getByText("record_answer"));
    expect(details?.open).toBe(true);
    const blocks = items[0].querySelectorAll("pre");
    expect(JSON.parse(blocks[0].textContent ?? "")).toEqual({ field: "graduation", value: "Administração, 2015" });
    expect(JSON.parse(blocks[1].textContent ?? "")).toEqual({ recorded: "graduation" });
  });

  it("says when no tool was called", () => {
    renderWithProviders(<ToolCallList calls={[]} />);
    expect(screen.getByText("Nenhuma ferramenta chamada.")).toBeTruthy();
  });
});
