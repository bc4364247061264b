import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { StepsEditor } from "@/modules/ai/components/StepsEditor";
import type { AiStepDraft } from "@/modules/ai/types/AiStepDraft";
import type { JsonSchema } from "@/modules/plugins/types/JsonSchema";
import { renderWithProviders } from "@/test/renderWithProviders";

const stepSchema: JsonSchema = {
  type: "object",
  required: ["key", "intent", "field"],
  properties: {
    key: { type: "string" },
    intent: { type: "string", maxLength: 500 },
    field: { type: "string" },
    question: { type: "string", maxLength: 500 },
    tone: { type: "string", title: "Tone", description: "How formal" },
  },
};

const draft = (uid: string, intent: string, field: string): AiStepDraft => ({ uid, values: { key: field, intent, field, question: "", tone: "" } });

function Harness({ initial, errors = {} }: { initial: AiStepDraft[]; errors?: Record<string, string> }) {
  const [steps, setSteps] = useState(initial);
  return (
    <>
      <StepsEditor steps={steps} stepSchema={stepSchema} onChange={setSteps} errorFor={(index, field) => errors[`${index}.${field}`]} />
      <p data-testid="order">{steps.map((step) => step.values.field).join(",")}</p>
    </>
  );
}

const order = () => screen.getByTestId("order").textContent;

describe("StepsEditor", { timeout: 20_000 }, () => { // many user events: slow on a busy machine
  it("shows one labelled input per property of the step schema, known ones translated, others by their title", () => {
    renderWithProviders(<Harness initial={[draft("a", "Curso e ano de formação", "graduation")]} />, { locale: "en" });
    const step = screen.getByRole("listitem", { name: "Step 1" });
    expect(within(step).getByLabelText("What to find out *")).toHaveProperty("value", "Curso e ano de formação");
    expect(within(step).getByLabelText("What to find out *").tagName).toBe("TEXTAREA");
    expect(within(step).getByLabelText("Field the answer fills *")).toHaveProperty("value", "graduation");
    expect(within(step).getByLabelText("Key")).toBeTruthy();
    expect(within(step).getByLabelText("Question")).toBeTruthy();
    expect(within(step).getByLabelText("Tone")).toBeTruthy();
    expect(screen.getByText("How formal")).toBeTruthy();
  });

  it("moves steps up and down with the keyboard, the focus following the moved step", async () => {
    renderWithProviders(<Harness initial={[draft("a", "A", "first"), draft("b", "B", "second"), draft("c", "C", "third")]} />, { locale: "en" });
    const user = userEvent.setup();
    expect(screen.getByRole("button", { name: "Move step 1 up" })).toHaveProperty("disabled", true);
    expect(screen.getByRole("button", { name: "Move step 3 down" })).toHaveProperty("disabled", true);

    screen.getByRole("button", { name: "Move step 3 up" }).focus();
    await user.keyboard("{Enter}");
    expect(order()).toBe("first,third,second");
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Move step 2 up" })); // the same step, now second
    expect(screen.getByRole("status").textContent).toBe("Step moved to position 2 of 3.");

    await user.keyboard("{Enter}");
    expect(order()).toBe("third,first,second");
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Move step 1 down" })); // "up" is disabled at the top

    await user.keyboard("{Enter}");
    expect(order()).toBe("first,third,second");
  });

  it("adds an empty step at the end (focused) and removes a step", async () => {
    renderWithProviders(<Harness initial={[draft("a", "A", "first"), draft("b", "B", "second")]} />, { locale: "en" });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Add step" }));
    const added = screen.getByRole("listitem", { name: "Step 3" });
    expect(within(added).getByLabelText("Key")).toBe(document.activeElement);
    await user.type(within(added).getByLabelText("Field the answer fills *"), "budget");
    expect(order()).toBe("first,second,budget");

    await user.click(screen.getByRole("button", { name: "Remove step 1" }));
    expect(order()).toBe("second,budget");
    expect(screen.queryByRole("listitem", { name: "Step 3" })).toBeNull();
  });

  it("shows the server's message next to the property of the step it names", () => {
    renderWithProviders(<Harness initial={[draft("a", "A", "first"), draft("b", "B", "bad field")]} errors={{ "1.field": "'bad field' does not match" }} />, { locale: "en" });
    const second = screen.getByRole("listitem", { name: "Step 2" });
    const input = within(second).getByLabelText("Field the answer fills *");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(within(second).getByRole("alert").textContent).toBe("'bad field' does not match");
    expect(within(screen.getByRole("listitem", { name: "Step 1" })).queryByRole("alert")).toBeNull();
  });
});
