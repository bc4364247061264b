"""The composer in a real browser: files from the computer, captions, drag and drop, sending later.

An agent attaches a photo from disk to a WhatsApp conversation (the platform
uploads it to the fake Graph API and sends it by media id) and drops a PDF on
a sandbox conversation; both show in the chat. A message scheduled for later
shows as scheduled and can be cancelled. Screenshots go to
``tests/e2e/screenshots/composer-*.png``.
"""

from __future__ import annotations

import re
import struct
import uuid
import zlib

from meta import signed, text_message
from panel import conversation_link, log_in, sign_up_by_api, wait_until_live
from playwright.sync_api import expect

APP_SECRET = "e2e-composer-app-secret"


def png(width: int = 64, height: int = 40) -> bytes:
    """A real PNG (a green rectangle), so the browser can draw its thumbnail."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x25\xd3\x66" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def open_conversation(page, name: str) -> None:
    conversation_link(page, name).click()
    expect(page).to_have_url(re.compile(r"/inbox/[0-9a-f-]{36}"))
    expect(page.get_by_role("heading", level=2, name=name)).to_be_visible()


def test_a_photo_from_the_computer_goes_to_whatsapp_with_its_caption(page, api, fake_graph, shoot, tmp_path):
    company = sign_up_by_api(api)
    number = str(uuid.uuid4().int)[:15]
    channel = api.post(
        "/api/v1/channels",
        headers=company.headers,
        json={
            "type": "whatsapp_cloud",
            "name": "Vendas",
            "config": {
                "phone_number_id": number,
                "waba_id": "102290129340398",
                "access_token": "EAAG-e2e-access-token",
                "app_secret": APP_SECRET,
                "verify_token": "e2e-verify",
            },
        },
    ).json()
    wa_id = "55119" + str(uuid.uuid4().int)[:8]
    raw = text_message(number, wa_id, "Joana Prado", "Pode me mandar a foto da sala?", f"wamid.in.{uuid.uuid4().hex}")
    assert api.post(channel["webhook_url"], content=raw, headers=signed(APP_SECRET, raw)).status_code == 200

    log_in(page, company.email)
    wait_until_live(page)
    open_conversation(page, "Joana Prado")
    expect(page.locator(".chat-title")).to_contain_text("Vendas")  # the channel's name, not its type
    expect(page.locator(".chat-title")).not_to_contain_text("whatsapp_cloud")

    photo = tmp_path / "sala-de-aula.png"
    photo.write_bytes(png())
    page.get_by_label("Arquivo", exact=True).set_input_files(photo)
    attached = page.get_by_role("group", name="Arquivo anexado")
    expect(attached).to_contain_text("sala-de-aula.png")
    expect(attached.get_by_role("img", name="sala-de-aula.png")).to_be_visible()
    expect(attached).to_contain_text("Pronto para enviar")
    page.get_by_label("Mensagem", exact=True).fill("Esta é a sala 3, com ar-condicionado")
    shoot(page, "composer-attachment-preview")
    page.get_by_label("Mensagem", exact=True).press("Enter")

    sent = page.get_by_role("article", name="Mensagem enviada").filter(has_text="Esta é a sala 3")
    expect(sent.get_by_role("img", name="Enviada")).to_be_visible()
    expect(sent.get_by_role("img", name="Esta é a sala 3, com ar-condicionado")).to_be_visible()  # shown from Atrium
    expect(attached).to_have_count(0)
    [upload] = [r for r in fake_graph.uploads() if r.path.endswith(f"/{number}/media")]
    assert b'filename="sala-de-aula.png"' in upload.raw and png() in upload.raw
    assert b"whatsapp" in upload.raw and b"image/png" in upload.raw
    [image] = [m for m in fake_graph.sent_media("image") if m.get("caption") == "Esta é a sala 3, com ar-condicionado"]
    assert image["id"].isdigit() and "link" not in image
    shoot(page, "composer-image-sent")


def test_a_dropped_pdf_and_a_message_scheduled_for_later_on_the_sandbox(page, api, shoot):
    company = sign_up_by_api(api)
    assert api.post("/api/v1/plugins/sandbox/enable", headers=company.headers).status_code == 200
    channel = api.post(
        "/api/v1/channels", headers=company.headers, json={"type": "sandbox", "name": "Teste", "config": {}}
    ).json()
    injected = api.post(
        f"/api/v1/plugins/sandbox/channels/{channel['id']}/inbound",
        headers=company.headers,
        json={"from": "+5511987650042", "name": "Caio Lima", "text": "Qual o valor da matrícula?"},
    )
    assert injected.status_code == 202

    log_in(page, company.email)
    wait_until_live(page)
    open_conversation(page, "Caio Lima")
    expect(page.get_by_role("group", name="Atalhos da caixa de entrada")).to_contain_text("Todas1")
    expect(page.get_by_role("article", name="Mensagem do contato").filter(has_text="valor da matrícula")).to_be_visible()
    expect(page.get_by_role("complementary", name="CRM do contato").get_by_label("Status do lead")).to_be_visible()
    shoot(page, "composer-1366-crm-open")  # the text box keeps its width beside the CRM panel
    box = page.get_by_label("Mensagem", exact=True).bounding_box()
    assert box and box["width"] >= 300, box

    # Drop a PDF from the computer onto the composer.
    page.evaluate(
        """() => {
            const transfer = new DataTransfer();
            const pdf = "%PDF-1.4\\n" + "Tabela de valores 2027 ".repeat(400);
            transfer.items.add(new File([pdf], "valores-2027.pdf", { type: "application/pdf" }));
            const composer = document.querySelector(".composer");
            composer.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
            composer.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
        }"""
    )
    attached = page.get_by_role("group", name="Arquivo anexado")
    expect(attached).to_contain_text("valores-2027.pdf")
    expect(attached).to_contain_text(re.compile(r"Documento · 9(,\d)? kB"))
    expect(attached).to_contain_text("Pronto para enviar")
    page.get_by_role("button", name="Enviar", exact=True).click()
    document = page.get_by_role("article", name="Mensagem enviada").filter(has_text="valores-2027.pdf")
    expect(document.get_by_role("img", name=re.compile("Entregue|Lida"))).to_be_visible()
    expect(document.get_by_role("link", name="valores-2027.pdf")).to_be_visible()

    # Schedule a message for later (the default: an hour from now, on the company's clock).
    page.get_by_label("Mensagem", exact=True).fill("Caio, amanhã cedo te ligo para fechar a matrícula.")
    page.get_by_role("button", name="Agendar envio").click()
    dialog = page.get_by_role("dialog", name="Enviar mais tarde")
    when = dialog.get_by_label("Enviar em (horário de America/Sao_Paulo)")
    expect(when).to_have_value(re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$"))
    when.fill("2020-01-01T09:00")
    dialog.get_by_role("button", name="Agendar").click()
    assert when.evaluate("input => input.validity.rangeUnderflow")  # the browser refuses a past time
    expect(dialog).to_be_visible()
    when.fill("2099-12-30T09:15")
    shoot(page, "composer-schedule")
    dialog.get_by_role("button", name="Agendar").click()
    scheduled = page.get_by_role("article").filter(has_text="amanhã cedo te ligo")
    expect(scheduled).to_contain_text("Agendada para")
    expect(scheduled).to_contain_text("09:15")
    shoot(page, "composer-scheduled")
    scheduled.hover()
    scheduled.get_by_role("button", name="Cancelar envio").click()
    page.get_by_role("dialog", name="Cancelar esta mensagem agendada?").get_by_role(
        "button", name="Cancelar envio"
    ).click()
    expect(scheduled).to_have_count(0)
