"""The AI agent's pages in a real browser against the real platform: settings, knowledge base, test chat.

The agent's provider is ``fake_openai`` (an OpenAI-compatible fake over HTTP), typed into
the settings page like a company would type its own endpoint; the test chat's replies,
the embeddings of the knowledge base (by the platform's worker) and the usage report all
go through it. Screenshots: ``ai-*.png`` in ``tests/e2e/screenshots/``.
"""

from __future__ import annotations

import re

import pytest
from fake_openai import start_fake_openai
from panel import PASSWORD, go_to, log_in, sign_up_by_api
from playwright.sync_api import expect

PRICES = (
    "O MBA em Gestão Financeira dura 18 meses, é online e a mensalidade é de R$ 349,00. "
    "As aulas ao vivo são às terças e quintas, das 19h às 22h, e ficam gravadas na plataforma. " * 4
).strip()
SCHOLARSHIPS = (
    "Ex-alunos têm bolsa de 30% em qualquer pós-graduação. A matrícula é gratuita até dezembro e o "
    "material didático está incluído na mensalidade. " * 4
).strip()


@pytest.fixture(scope="module")
def fake_openai():
    """The provider the company points its agent at."""
    fake, server = start_fake_openai()
    yield fake
    server.shutdown()


def ai_tab(page, name: str) -> None:
    """Follow a tab of the AI agent's pages."""
    page.get_by_role("navigation", name="Páginas do agente de IA").get_by_role("link", name=name).click()


def test_enable_configure_feed_and_test_the_agent(page, api, fake_openai, shoot):
    company = sign_up_by_api(api, blueprint="education")
    log_in(page, company.email)

    # Not enabled yet: the page says so and offers to enable it.
    go_to(page, "Agente de IA")
    expect(page).to_have_url(re.compile(r"/ai$"))
    expect(page.get_by_role("heading", name="O agente de IA não está ativo nesta empresa")).to_be_visible()
    shoot(page, "ai-disabled")
    assert api.get("/api/v1/ai/knowledge", headers=company.headers).status_code == 404  # its API is off too
    page.get_by_role("button", name="Ativar o agente de IA").click()

    # Enabled: the settings start from the education blueprint (persona, steps).
    expect(page.get_by_label("Persona", exact=True)).to_have_value("Ana, consultora acadêmica")
    steps = page.get_by_role("list", name="Passos da qualificação")
    expect(steps.get_by_role("listitem")).to_have_count(5)
    expect(page.get_by_role("status").filter(has_text="Não definida")).to_be_visible()  # no API key yet
    expect(page.get_by_role("status").filter(has_text="Tudo salvo")).to_be_visible()

    page.get_by_label("Endereço do provedor (base URL)").fill(fake_openai.base_url)
    page.get_by_label("Chave", exact=True).fill("sk-e2e-fake-key")
    page.get_by_label("Modelo reserva", exact=True).fill("gpt-4o")
    first = steps.get_by_role("listitem", name="Passo 1")
    first.get_by_label(re.compile("^O que descobrir")).fill("Qual curso de graduação o candidato concluiu e quando")
    # Move "expectations" (step 3) up to second place with the keyboard.
    move_up = page.get_by_role("button", name="Mover passo 3 para cima")
    move_up.focus()
    page.keyboard.press("Enter")
    expect(
        steps.get_by_role("listitem", name="Passo 2").get_by_label(re.compile("^Campo que a resposta preenche"))
    ).to_have_value("expectations")
    expect(page.get_by_role("button", name="Mover passo 2 para cima")).to_be_focused()
    page.get_by_role("button", name="Adicionar passo").click()
    added = steps.get_by_role("listitem", name="Passo 6")
    added.get_by_label(re.compile("^O que descobrir")).fill("Como conheceu a escola")
    added.get_by_label(re.compile("^Campo que a resposta preenche")).fill("source")
    expect(page.get_by_role("status").filter(has_text="Alterações não salvas")).to_be_visible()

    # A value the schema refuses: the server's message shows next to that field.
    temperature = page.get_by_label("Temperatura", exact=True)
    temperature.fill("5")
    page.get_by_role("button", name="Salvar", exact=True).click()
    expect(page.get_by_text("Não foi possível salvar: corrija os campos indicados.")).to_be_visible()
    expect(temperature).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("alert").filter(has_text="greater than the maximum of 2")).to_be_visible()
    temperature.fill("0.4")
    page.get_by_role("button", name="Salvar", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="Tudo salvo")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Salva")).to_be_visible()  # the key: saved, never shown
    page.evaluate("document.getElementById('main').scrollTo(0, 0)")
    shoot(page, "ai-settings")
    page.get_by_role("heading", name="Passos da qualificação").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('main').scrollBy(0, 120)")
    shoot(page, "ai-settings-steps")

    stored = api.get("/api/v1/plugins/ai-agent/settings", headers=company.headers).json()
    assert stored["api_key"] == "********" and stored["base_url"] == fake_openai.base_url
    assert stored["temperature"] == 0.4 and stored["fallback_model"] == "gpt-4o"
    assert [s["key"] for s in stored["steps"]] == [
        "graduation",
        "expectations",
        "field_of_work",
        "budget",
        "best_time",
        "source",
    ]
    assert stored["steps"][0]["intent"] == "Qual curso de graduação o candidato concluiu e quando"
    page.reload()  # a bookmarkable page that shows what was saved
    expect(steps.get_by_role("listitem", name="Passo 1").get_by_label(re.compile("^O que descobrir"))).to_have_value(
        "Qual curso de graduação o candidato concluiu e quando"
    )

    # Leaving with unsaved changes asks first.
    page.get_by_label("Persona", exact=True).fill("Ana, consultora")
    ai_tab(page, "Base de conhecimento")
    leave = page.get_by_role("dialog", name="Sair sem salvar?")
    leave.get_by_role("button", name="Cancelar").click()
    expect(page).to_have_url(re.compile(r"/ai$"))
    page.get_by_role("button", name="Descartar alterações").click()
    expect(page.get_by_label("Persona", exact=True)).to_have_value("Ana, consultora acadêmica")

    # Knowledge base: add a text, see its chunks; the worker embeds it through the provider.
    ai_tab(page, "Base de conhecimento")
    expect(page).to_have_url(re.compile(r"/ai/knowledge"))
    page.get_by_role("button", name="Adicionar texto").click()
    dialog = page.get_by_role("dialog", name="Adicionar texto")
    dialog.get_by_label("Título").fill("Mensalidades 2027")
    dialog.get_by_label("Texto").fill(f"{PRICES}\n\n{SCHOLARSHIPS}")
    dialog.get_by_role("button", name="Adicionar").click()
    document = page.get_by_role("dialog", name="Mensalidades 2027")
    chunks = document.get_by_role("list", name="Trechos, na ordem").get_by_role("listitem")
    expect(chunks.first).to_contain_text("Trecho 1")
    expect(chunks.first).to_contain_text("MBA em Gestão Financeira")
    expect(chunks.last).to_contain_text("Ex-alunos têm bolsa de 30%")
    assert chunks.count() >= 2
    shoot(page, "ai-knowledge-chunks")
    document.get_by_role("button", name="Editar").click()
    expect(document.get_by_label("Texto")).to_have_value(f"{PRICES}\n\n{SCHOLARSHIPS}")  # the full text, to edit
    document.get_by_label("Texto").fill("A mensalidade do MBA em Gestão Financeira é de R$ 359,00 em 2027.")
    document.get_by_role("button", name="Salvar").click()
    expect(chunks).to_have_count(1)
    expect(chunks.first).to_contain_text("R$ 359,00")
    document.get_by_role("button", name="Fechar").click()
    row = page.locator("tr", has=page.get_by_role("button", name="Mensalidades 2027", exact=True))
    expect(row).to_contain_text("Pronto")  # embedded by the worker (the list refreshes while it waits)

    # Upload a file; a type the knowledge base cannot read is refused before sending.
    page.get_by_role("button", name="Enviar arquivo").click()
    upload = page.get_by_role("dialog", name="Enviar arquivo")
    upload.get_by_label("Arquivo", exact=True).set_input_files(
        files=[{"name": "contrato.docx", "mimeType": "application/octet-stream", "buffer": b"PK\x03\x04"}]
    )
    expect(upload.get_by_text("Envie um arquivo .txt, .md ou .pdf.")).to_be_visible()
    upload.get_by_label("Arquivo", exact=True).set_input_files(
        files=[
            {
                "name": "duvidas.md",
                "mimeType": "text/markdown",
                "buffer": "# Dúvidas\n\nTem estacionamento? Sim, gratuito.".encode(),
            }
        ]
    )
    upload.get_by_role("button", name="Enviar arquivo").click()
    expect(page.get_by_role("dialog", name="duvidas")).to_contain_text("Tem estacionamento? Sim, gratuito.")
    page.get_by_role("dialog", name="duvidas").get_by_role("button", name="Fechar").click()
    shoot(page, "ai-knowledge")

    # Delete asks first.
    page.get_by_role("button", name="Excluir duvidas").click()
    page.get_by_role("dialog", name="Excluir “duvidas”?").get_by_role("button", name="Excluir").click()
    expect(page.get_by_role("button", name="duvidas", exact=True)).to_have_count(0)

    # Test chat: a simulated lead; each reply shows the model, the tools and the knowledge.
    ai_tab(page, "Testar")
    page.get_by_label("Nome do lead").fill("Rita Lima")
    page.get_by_label("Interesse").fill("MBA em Gestão Financeira")
    message = page.get_by_role("textbox", name="Mensagem do lead")
    message.fill("Oi! Quanto custa a mensalidade do MBA em Gestão Financeira?")
    message.press("Enter")
    replies = page.get_by_role("log", name="Mensagens do teste").get_by_role("article", name="Resposta do agente")
    expect(replies.first).to_contain_text("[graduation] Qual curso de graduação o candidato concluiu e quando?")
    expect(replies.first.get_by_test_id("ai-reply-model")).to_have_text("gpt-4o-mini")
    replies.first.get_by_text(re.compile(r"^Conhecimento usado \(\d+\)")).click()
    expect(replies.first.get_by_role("list", name="Trechos recuperados")).to_contain_text("Mensalidades 2027")

    message.fill("Administração, 2015")
    message.press("Enter")
    expect(replies.nth(1)).to_contain_text("[expectations] O que espera da pós-graduação?")  # the reordered step
    replies.nth(1).get_by_text("Ferramentas chamadas (1)").click()
    tools = replies.nth(1).get_by_role("list", name="Ferramentas chamadas")
    tools.get_by_text("record_answer").click()
    expect(tools).to_contain_text('"value": "Administração, 2015"')
    shoot(page, "ai-test-chat")
    assert api.get("/api/v1/conversations", headers=company.headers).json()["items"] == []  # nothing was sent

    page.get_by_role("button", name="Recomeçar").click()
    expect(page.get_by_text("Escreva como se fosse um lead para ver o que o agente responde.")).to_be_visible()

    # The usage report counts the test chat's calls.
    ai_tab(page, "Configurações")
    usage = page.get_by_role("table", name="Uso por modelo")
    expect(usage.get_by_role("row").filter(has_text="Teste")).to_contain_text("gpt-4o-mini")


def test_an_agent_reads_the_knowledge_base_and_tests_the_scripted_flow_on_a_phone_in_english(page, api, shoot):
    owner = sign_up_by_api(api, blueprint="education")
    assert api.post("/api/v1/plugins/ai-agent/enable", headers=owner.headers).status_code == 200
    email = f"agente@{owner.slug}.example"
    added = api.post(
        "/api/v1/users", headers=owner.headers, json={"email": email, "name": "Bruno Lima", "password": PASSWORD}
    )
    assert added.status_code == 201, added.text
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, email)
    page.goto("/ai")

    page.get_by_label("Idioma").select_option("English")
    expect(page.get_by_role("heading", name="AI agent", exact=True)).to_be_visible()
    expect(page.get_by_text("Only admins see and change the agent's settings.", exact=False)).to_be_visible()

    page.get_by_role("navigation", name="AI agent pages").get_by_role("link", name="Knowledge base").click()
    expect(page.get_by_role("button", name="Sobre a escola", exact=True)).to_be_visible()  # the blueprint's document
    expect(page.get_by_role("button", name="Add text")).to_have_count(0)  # admins add, edit and delete
    expect(page.get_by_role("button", name="Delete Sobre a escola")).to_have_count(0)
    page.get_by_role("button", name="View passages of Sobre a escola").click()
    expect(page.get_by_role("dialog", name="Sobre a escola")).to_contain_text("Mensalidades a partir de R$ 299")
    page.get_by_role("dialog", name="Sobre a escola").get_by_role("button", name="Close").click()

    # Without a provider the agent follows the blueprint's questions (model "scripted").
    page.get_by_role("navigation", name="AI agent pages").get_by_role("link", name="Test chat").click()
    page.get_by_label("Lead's name").fill("Rita Lima")
    message = page.get_by_role("textbox", name="Lead's message")
    message.fill("Oi, quero saber da pós")
    message.press("Enter")
    replies = page.get_by_role("log", name="Test messages").get_by_role("article", name="Agent's reply")
    expect(replies.first).to_contain_text("Olá, Rita! Eu sou Ana, consultora acadêmica.")
    expect(replies.first).to_contain_text("Em que curso você se formou, e em que ano?")
    expect(replies.first.get_by_test_id("ai-reply-model")).to_have_text("scripted")
    message.fill("Direito, 2019")
    message.press("Enter")
    expect(replies.nth(1)).to_contain_text("Em que área você trabalha hoje?")
    replies.nth(1).get_by_text("Tools called (1)").click()
    expect(replies.nth(1).get_by_role("list", name="Tools called")).to_contain_text("record_answer")
    shoot(page, "ai-test-chat-phone-en")
