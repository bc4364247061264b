import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import { queryKeys } from "@/api/queryKeys";
import type { ChannelTemplate } from "@/api/schemas";
import { TemplateForm } from "@/modules/inbox/components/TemplateForm";
import { renderWithProviders } from "@/test/renderWithProviders";

const templates: ChannelTemplate[] = [
  {
    name: "boas_vindas",
    language: "pt_BR",
    category: "UTILITY",
    status: "APPROVED",
    components: [{ type: "BODY", text: "Olá {{1}}! Obrigado por falar com a {{2}}." }],
    variables: ["body.1", "body.2"],
  },
];

function setup(onSubmit = vi.fn()) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Number.POSITIVE_INFINITY } } });
  queryClient.setQueryData(queryKeys.templates("ch1"), templates);
  renderWithProviders(<TemplateForm channelId="ch1" submitLabel="Enviar" onSubmit={onSubmit} />, { queryClient });
  return { onSubmit, user: userEvent.setup() };
}

describe("TemplateForm", () => {
  it("previews the template live as its variables are typed", async () => {
    const { user } = setup();
    const preview = () => screen.getByTestId("template-preview-body").textContent;
    expect(preview()).toBe("Olá {{1}}! Obrigado por falar com a {{2}}.");
    await user.type(screen.getByLabelText("Variável {{1}} do texto"), "Maria");
    expect(preview()).toBe("Olá Maria! Obrigado por falar com a {{2}}.");
    await user.type(screen.getByLabelText("Variável {{2}} do texto"), "Escola Aurora");
    expect(preview()).toBe("Olá Maria! Obrigado por falar com a Escola Aurora.");
  });

  it("sends only when every variable is filled, with the variables by name", async () => {
    const { user, onSubmit } = setup();
    const send = screen.getByRole("button", { name: "Enviar" });
    expect(send).toHaveProperty("disabled", true);
    await user.type(screen.getByLabelText("Variável {{1}} do texto"), "Maria");
    await user.type(screen.getByLabelText("Variável {{2}} do texto"), "Aurora");
    expect(send).toHaveProperty("disabled", false);
    await user.click(send);
    expect(onSubmit).toHaveBeenCalledWith({ name: "boas_vindas", language: "pt_BR", parameters: { "body.1": "Maria", "body.2": "Aurora" } });
  });
});
