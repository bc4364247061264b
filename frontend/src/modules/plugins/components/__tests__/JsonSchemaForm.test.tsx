import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { JsonSchemaForm } from "@/modules/plugins/components/JsonSchemaForm";
import type { JsonSchema } from "@/modules/plugins/types/JsonSchema";
import { renderWithProviders } from "@/test/renderWithProviders";

const schema: JsonSchema = {
  type: "object",
  required: ["api_key", "model"],
  properties: {
    api_key: { type: "string", title: "API key", writeOnly: true, description: "From the provider's console" },
    model: { type: "string", title: "Model", enum: ["small", "large"] },
    temperature: { type: "number", title: "Temperature", minimum: 0, maximum: 2 },
    max_turns: { type: "integer", title: "Max turns" },
    enabled_hours: { type: "boolean", title: "Only in business hours" },
    keywords: { type: "array", items: { type: "string" }, title: "Handoff keywords" },
    greeting: { type: "string", title: "Greeting" },
    system_prompt: { type: "string", title: "System prompt", maxLength: 4000 },
  },
};

describe("JsonSchemaForm", () => {
  it("renders a labelled control for each property, secrets as password inputs showing they are set", () => {
    renderWithProviders(<JsonSchemaForm schema={schema} settings={{ api_key: "********", model: "large", keywords: ["humano", "atendente"] }} onSubmit={vi.fn()} />, { locale: "en" });
    const secret = screen.getByLabelText("API key *");
    expect(secret).toHaveProperty("type", "password");
    expect(secret).toHaveProperty("value", "");
    expect(secret).toHaveProperty("placeholder", "********");
    expect(secret).toHaveProperty("required", false); // set already: may stay empty
    expect(screen.getByText(/Already set: leave empty to keep it/)).toBeTruthy();
    expect(screen.getByLabelText("Model *")).toHaveProperty("value", "large");
    expect(screen.getByLabelText("Temperature")).toHaveProperty("type", "number");
    expect(screen.getByLabelText("Only in business hours")).toHaveProperty("type", "checkbox");
    expect(screen.getByLabelText("Handoff keywords")).toHaveProperty("value", "humano\natendente");
    expect(screen.getByLabelText("Greeting").tagName).toBe("INPUT");
    expect(screen.getByLabelText("System prompt").tagName).toBe("TEXTAREA");
  });

  it("submits typed values and leaves an untouched secret out (the server keeps it)", async () => {
    const onSubmit = vi.fn();
    renderWithProviders(<JsonSchemaForm schema={schema} settings={{ api_key: "********", model: "small" }} onSubmit={onSubmit} />, { locale: "en" });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Temperature"), "0.7");
    await user.type(screen.getByLabelText("Max turns"), "5");
    await user.click(screen.getByLabelText("Only in business hours"));
    await user.type(screen.getByLabelText("Handoff keywords"), "humano{enter}gerente");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(onSubmit).toHaveBeenCalledWith({ model: "small", temperature: 0.7, max_turns: 5, enabled_hours: true, keywords: ["humano", "gerente"] });
  });

  it("sends a new secret when one is typed", async () => {
    const onSubmit = vi.fn();
    renderWithProviders(<JsonSchemaForm schema={schema} settings={{ model: "small" }} onSubmit={onSubmit} />, { locale: "en" });
    const user = userEvent.setup();
    const secret = screen.getByLabelText("API key *");
    expect(secret).toHaveProperty("required", true);
    await user.type(secret, "sk-123");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ api_key: "sk-123", model: "small" }));
  });

  it("says so when a plugin has no settings", () => {
    renderWithProviders(<JsonSchemaForm schema={{ type: "object", properties: {} }} settings={{}} onSubmit={vi.fn()} />, { locale: "en" });
    expect(screen.getByText("This plugin has no settings.")).toBeTruthy();
  });
});
