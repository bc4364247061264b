import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Me } from "@/api/schemas";
import { InvitationsNotice } from "@/modules/layout/components/InvitationsNotice";
import { fakeFetch } from "@/test/fakeFetch";
import { renderWithProviders } from "@/test/renderWithProviders";

afterEach(() => vi.unstubAllGlobals());

const tenant = (id: string, name: string) => ({ id, slug: id, name, locale: "pt-BR", timezone: "America/Sao_Paulo" });

const me = (invitations: Me["invitations"]): Me => ({
  user: { id: "u1", email: "ana@example.com", name: "Ana" } as Me["user"],
  role: "owner",
  tenant: tenant("t1", "Clínica Sol"),
  tenants: [tenant("t1", "Clínica Sol")],
  invitations,
});

describe("InvitationsNotice", () => {
  it("shows nothing without invitations", () => {
    const { container } = renderWithProviders(<InvitationsNotice me={me([])} />);
    expect(container.textContent).toBe("");
  });

  it("accepts or declines each company's invitation through the API", async () => {
    const { calls } = fakeFetch(() => new Response(null, { status: 204 }));
    renderWithProviders(
      <InvitationsNotice
        me={me([
          { tenant: tenant("t2", "Escola Aurora"), role: "agent", invited_at: "2026-11-21T12:00:00Z" },
          { tenant: tenant("t3", "Imobiliária Lar"), role: "agent", invited_at: "2026-11-21T13:00:00Z" },
        ])}
      />,
    );
    expect(screen.getByText("Escola Aurora convidou você para a equipe como Atendente.")).toBeTruthy();

    await userEvent.click(screen.getByRole("button", { name: "Entrar em Escola Aurora" }));
    await userEvent.click(screen.getByRole("button", { name: "Recusar convite de Imobiliária Lar" }));

    await waitFor(() => expect(calls).toHaveLength(2));
    expect(calls.map((call) => [call.method, new URL(call.url).pathname])).toEqual([
      ["POST", "/api/v1/auth/invitations/t2/accept"],
      ["POST", "/api/v1/auth/invitations/t3/decline"],
    ]);
  });
});
