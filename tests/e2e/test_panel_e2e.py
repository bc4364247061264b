"""The panel in a real browser against the real platform: what an agent sees and does.

Every step waits for something a person would see (Playwright's ``expect``
retries until it holds); nothing sleeps. Screenshots of the main pages are
saved to ``tests/e2e/screenshots/``.
"""

from __future__ import annotations

import re
import uuid

from meta import signed, status, text_message
from panel import (
    PASSWORD,
    assert_not_reloaded,
    conversation_link,
    go_to,
    log_in,
    mark_page,
    new_slug,
    sign_up_by_api,
    wait_until_live,
)
from playwright.sync_api import expect

APP_SECRET = "e2e-channel-app-secret"  # the company's own Meta app, typed into the connect form


def test_sign_up_then_the_empty_inbox_offers_whatsapp_or_a_sandbox_lead(page, shoot):
    page.goto("/signup")
    expect(page.get_by_role("heading", name="Crie sua empresa")).to_be_visible()
    slug = new_slug("escola")
    page.get_by_label("Nome da empresa").fill("Escola Horizonte")
    page.get_by_label("Endereço da empresa").fill(slug)
    page.get_by_label("Seu nome").fill("Ana Souza")
    page.get_by_label("E-mail").fill(f"ana@{slug}.example")
    page.get_by_label("Senha").fill(PASSWORD)
    page.get_by_role("radio", name=re.compile("Educação")).check()
    shoot(page, "signup")
    page.get_by_role("button", name="Criar empresa").click()

    expect(page).to_have_url(re.compile(r"/inbox"))
    expect(page.get_by_role("heading", name="Sua caixa de entrada está pronta")).to_be_visible()
    expect(page.get_by_role("link", name="Conectar WhatsApp")).to_be_visible()
    shoot(page, "inbox-first-run")

    wait_until_live(page)
    mark_page(page)
    page.get_by_role("button", name="Abrir canal de teste").click()
    page.get_by_label("Nome do lead").fill("Marina Teste")
    page.get_by_label("Mensagem do lead").fill("Olá! Vocês têm MBA aos sábados?")
    page.get_by_role("button", name="Enviar como lead").click()

    expect(conversation_link(page, "Marina Teste")).to_be_visible()
    expect(conversation_link(page, "Marina Teste")).to_contain_text("Vocês têm MBA aos sábados?")
    assert_not_reloaded(page)
    shoot(page, "inbox-sandbox-lead")


def test_whatsapp_lead_appears_live_then_reply_tag_status_timeline_and_language(page, api, fake_graph, shoot):
    company = sign_up_by_api(api)
    log_in(page, company.email)

    # Connect the company's WhatsApp number (its own Meta app) through the guided form.
    go_to(page, "Canais")
    page.get_by_role("button", name="Conectar WhatsApp").click()
    dialog = page.get_by_role("dialog", name="Conectar WhatsApp")
    phone_number_id = str(uuid.uuid4().int)[:15]
    dialog.get_by_label("Identificação do número de telefone").fill(phone_number_id)
    dialog.get_by_label("Identificação da conta do WhatsApp Business").fill("102290129340398")
    dialog.get_by_label("Token de acesso").fill("EAAG-e2e-access-token")
    dialog.get_by_label("Chave secreta do app").fill(APP_SECRET)
    dialog.get_by_role("button", name="Conectar número").click()
    expect(dialog.get_by_role("status").filter(has_text="conectado")).to_be_visible()
    webhook_url = dialog.get_by_label("URL de retorno (webhook)", exact=True).input_value()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/webhooks/whatsapp_cloud/[0-9a-f-]{36}", webhook_url), webhook_url
    expect(dialog.get_by_label("Token de verificação", exact=True)).not_to_have_value("")
    shoot(page, "channels-whatsapp-connect")
    dialog.get_by_role("button", name="Concluir").click()

    # A lead writes on WhatsApp: Meta's signed webhook reaches the platform; the open inbox shows it live.
    go_to(page, "Conversas")
    expect(page.get_by_role("heading", name="Sua caixa de entrada está pronta")).to_be_visible()
    wait_until_live(page)
    mark_page(page)
    wa_id = "55119" + str(uuid.uuid4().int)[:8]
    raw = text_message(
        phone_number_id, wa_id, "Maria Conceição", "Olá! Quanto custa o plano anual?", f"wamid.in.{uuid.uuid4().hex}"
    )
    assert api.post(webhook_url, content=raw, headers=signed(APP_SECRET, raw)).status_code == 200
    lead = conversation_link(page, "Maria Conceição")
    expect(lead).to_contain_text("Quanto custa o plano anual?")
    assert_not_reloaded(page)

    lead.click()
    expect(page).to_have_url(re.compile(r"/inbox/[0-9a-f-]{36}"))
    chat = page.get_by_role("heading", level=2, name="Maria Conceição")
    expect(chat).to_be_visible()
    inbound = page.get_by_role("article", name="Mensagem do contato")
    expect(inbound.filter(has_text="Quanto custa o plano anual?")).to_be_visible()

    raw = text_message(
        phone_number_id, wa_id, "Maria Conceição", "E tem desconto à vista?", f"wamid.in.{uuid.uuid4().hex}"
    )
    assert api.post(webhook_url, content=raw, headers=signed(APP_SECRET, raw)).status_code == 200
    expect(inbound.filter(has_text="E tem desconto à vista?")).to_be_visible()
    assert_not_reloaded(page)

    # Reply: the worker sends it to (the fake) Meta; Meta's read receipt turns the ticks blue.
    reply = "Olá, Maria! O plano anual sai por R$ 900, com 10% à vista."
    page.get_by_label("Mensagem", exact=True).fill(reply)
    page.get_by_label("Mensagem", exact=True).press("Enter")
    sent = page.get_by_role("article", name="Mensagem enviada").filter(has_text=reply)
    expect(sent.get_by_role("img", name="Enviada")).to_be_visible()
    assert reply in fake_graph.sent_texts()
    raw = status(phone_number_id, fake_graph.wamid_of(reply), "read", wa_id)
    assert api.post(webhook_url, content=raw, headers=signed(APP_SECRET, raw)).status_code == 200
    expect(sent.get_by_role("img", name="Lida")).to_be_visible()

    # Tag the lead and resolve the conversation; both show in the contact's timeline.
    crm = page.get_by_role("complementary", name="CRM do contato")
    crm.get_by_label("Adicionar etiqueta").select_option(label="quente")
    expect(crm.get_by_role("list", name="Etiquetas")).to_contain_text("quente")
    page.get_by_label("Status", exact=True).select_option(label="Resolvida")
    timeline = crm.get_by_role("list", name="Histórico")
    expect(timeline).to_contain_text("Status da conversa: Aberta → Resolvida")
    expect(timeline).to_contain_text("Etiqueta adicionada: quente")
    shoot(page, "inbox-conversation")

    # Switch the panel to English and back: the same page, relabelled.
    page.get_by_label("Idioma").select_option(label="English")
    expect(page.get_by_role("navigation").get_by_role("link", name="Inbox")).to_be_visible()
    crm_en = page.get_by_role("complementary", name="Contact CRM")
    expect(crm_en.get_by_role("list", name="Timeline")).to_contain_text("Conversation status: Open → Resolved")
    expect(crm_en.get_by_role("list", name="Timeline")).to_contain_text("Tag added: quente")
    expect(page.get_by_label("Status", exact=True)).to_have_value("resolved")
    shoot(page, "inbox-conversation-en")
    page.reload()
    expect(page.get_by_role("navigation").get_by_role("link", name="Inbox")).to_be_visible()
    page.get_by_label("Language").select_option(label="Português (Brasil)")
    expect(page.get_by_role("navigation").get_by_role("link", name="Conversas")).to_be_visible()


def test_the_main_pages(page, api, shoot):
    company = sign_up_by_api(api, blueprint="education")
    assert api.post("/api/v1/plugins/sandbox/enable", headers=company.headers).status_code == 200
    channel = api.post("/api/v1/channels", headers=company.headers, json={"type": "sandbox", "name": "Teste"}).json()
    injected = api.post(
        f"/api/v1/plugins/sandbox/channels/{channel['id']}/inbound",
        headers=company.headers,
        json={"from": "+5511987650001", "name": "Paulo Lima", "text": "Bom dia! Como faço a matrícula?"},
    )
    assert injected.status_code == 202, injected.text
    log_in(page, company.email)
    expect(conversation_link(page, "Paulo Lima")).to_be_visible()
    shoot(page, "inbox")

    go_to(page, "Painel")
    expect(page.get_by_role("heading", name="Painel")).to_be_visible()
    expect(page.get_by_text("Conversas abertas")).to_be_visible()
    shoot(page, "dashboard")

    go_to(page, "Contatos")
    expect(page.get_by_role("heading", name="Contatos")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Paulo Lima")
    shoot(page, "contacts")

    go_to(page, "Canais")
    expect(page.get_by_role("heading", name="Canais")).to_be_visible()
    expect(page.get_by_text("Teste", exact=True)).to_be_visible()
    shoot(page, "channels")

    go_to(page, "Equipe")
    expect(page.get_by_role("heading", name="Equipe")).to_be_visible()
    expect(page.get_by_text("Ana Souza").first).to_be_visible()
    shoot(page, "team")

    go_to(page, "Configurações")
    expect(page.get_by_role("heading", name="Configurações")).to_be_visible()
    expect(page.get_by_label("Fuso horário")).to_have_value("America/Sao_Paulo")
    shoot(page, "settings")
