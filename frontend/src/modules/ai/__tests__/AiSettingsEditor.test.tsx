import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/api/ApiError";
import { AiSettingsEditor } from "@/modules/ai/components/AiSettingsEditor";
import type { JsonSchema } from "@/modules/plugins/types/JsonSchema";
import { fakeFetch, json } from "@/test/fakeFetch";
import { renderWithProviders } from "@/test/renderWithProviders";

const schema: JsonSchema = {
  type: "object",
  properties: {
    base_url: { type: ["string", "null"] },
    api_key: { type: "string", writeOnly: true },
    model: { type: "string", default: "gpt-4o-mini" },
    temperature: { type: "number", default: 0.3 },
    steps: {
      type: "array",
      items: { required: ["key", "intent", "field"], properties: { key: { type: "string" }, intent: { type: "string", maxLength: 500 }, field: { type: "string" } } },
    },
  },
};
const settings = {
  api_key: "********",
  model: "gpt-4o-mini",
  steps: [
    { key: "graduation", intent: "Curso e ano", field: "graduation" },
    { key: "budget", intent: "Orçamento", field: "accepts_budget" },
  ],
};

beforeEach(() => {
  fakeFetch(() => json(200, { items: [], next_cursor: null })); // channels and stages
});
afterEach(() => vi.unstubAllGlobals());

describe("AiSettingsEditor", { timeout: 20_000 }, () => { // many user events: slow on a busy machine
  it("shows the server's errors next to the fields they name, inside the step they name", () => {
    const error = new ApiError(422, {
      status: 422,
      code: "invalid",
      detail: "invalid value for 'steps.1.field'",
      errors: [
        { field: "steps.1.field", message: "'bad field' does not match" },
        { field: "temperature", message: "5 is greater than the maximum of 2" },
      ],
    });
    renderWithProviders(<AiSettingsEditor schema={schema} settings={settings} busy={false} error={error} onSave={vi.fn()} />, { locale: "en" });
    expect(screen.getByLabelText("Temperature").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText("5 is greater than the maximum of 2")).toBeTruthy();
    const second = screen.getByRole("listitem", { name: "Step 2" });
    expect(within(second).getByText("'bad field' does not match")).toBeTruthy();
    expect(within(screen.getByRole("listitem", { name: "Step 1" })).queryByRole("alert")).toBeNull();
    expect(screen.getByText("Could not save: fix the fields shown.")).toBeTruthy();
  });

  it("flags unsaved changes, discards them, and saves a replaced key with the rest of the settings", async () => {
    const onSave = vi.fn();
    const onDirtyChange = vi.fn();
    renderWithProviders(<AiSettingsEditor schema={schema} settings={settings} busy={false} error={null} onSave={onSave} onDirtyChange={onDirtyChange} />, { locale: "en" });
    const user = userEvent.setup();
    expect(screen.getByText("All changes saved")).toBeTruthy();
    expect(screen.getByText("Saved")).toBeTruthy(); // the key: set, never shown
    expect(screen.getByLabelText("Model")).toHaveProperty("placeholder", "gpt-4o-mini");

    await user.type(screen.getByLabelText("Model"), "-2024");
    expect(screen.getByText("Unsaved changes")).toBeTruthy();
    expect(onDirtyChange).toHaveBeenLastCalledWith(true);
    await user.click(screen.getByRole("button", { name: "Discard changes" }));
    expect(screen.getByLabelText("Model")).toHaveProperty("value", "gpt-4o-mini");
    expect(onDirtyChange).toHaveBeenLastCalledWith(false);

    await user.click(screen.getByRole("button", { name: "Replace key" }));
    await user.type(screen.getByLabelText("New API key"), "sk-new");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(onSave).toHaveBeenCalledTimes(1);
    const body = onSave.mock.calls[0][0];
    expect(body).toMatchObject({ api_key: "sk-new", model: "gpt-4o-mini", base_url: null, steps: settings.steps });

    await user.click(screen.getByRole("button", { name: "Keep the saved key" }));
    await user.click(screen.getByRole("button", { name: "Remove key" }));
    expect(screen.getByText("The key will be removed when you save.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(onSave.mock.calls[1][0].api_key).toBeNull();
  });
});
