"""The AI agent's knowledge base: documents in (text, .txt, .md, .pdf), chunked, embedded by a worker, searched."""

from __future__ import annotations

import io

import respx
from ai_fakes import FakeProvider, agent_company, provider_settings
from inbound_helpers import wait_for

KNOWLEDGE = "/api/v1/ai/knowledge"
TEST_CHAT = "/api/v1/ai/test-chat"

COURSES = {
    "MBA em Gestão Financeira": "O MBA em Gestão Financeira dura 18 meses, é online e a mensalidade é de R$ 349,00.",
    "Pós em Direito Digital": "A pós-graduação em Direito Digital dura 12 meses, presencial em São Paulo, mensalidade de R$ 420,00.",
    "Especialização em Enfermagem do Trabalho": "Enfermagem do Trabalho: 15 meses, semipresencial, mensalidade de R$ 310,00.",
}


def pdf_with(line: str) -> bytes:
    """A one-page PDF showing ``line`` (ASCII) in Helvetica."""
    content = f"BT /F1 12 Tf 72 720 Td ({line}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(
        b"%010d 00000 n \n" % o for o in offsets
    )
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def upload(t, filename: str, data: bytes, title: str | None = None):
    form = {"file": (io.BytesIO(data), filename)} | ({"title": title} if title else {})
    return t.post(KNOWLEDGE, data=form, content_type="multipart/form-data")


def all_documents(t) -> list[dict]:
    return t.get(KNOWLEDGE).get_json()["items"]


def ask(t, question: str) -> dict:
    response = t.post(TEST_CHAT, json={"messages": [{"role": "user", "content": question}], "lead": {"name": "Rita"}})
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_documents_are_added_as_text_or_files_listed_with_chunk_previews_and_deleted(tenant_factory):
    t, _ = agent_company(tenant_factory)
    seeded = all_documents(t)
    assert [d["title"] for d in seeded] == ["Sobre a escola"] and seeded[0]["source"] == "blueprint"

    long_text = "\n\n".join(f"Parágrafo {i}. " + "O curso tem aulas ao vivo e gravadas. " * 12 for i in range(6))
    created = t.post(KNOWLEDGE, json={"title": "Metodologia", "text": long_text})
    assert created.status_code == 201, created.get_json()
    doc = created.get_json()
    assert (
        doc["embedding_status"] == "disabled"
        and doc["source"] == "text"
        and doc["chunk_count"] == len(doc["chunks"]) > 2
    )
    assert all(len(c["text"]) <= 900 for c in doc["chunks"]) and doc["chunks"][0]["text"].startswith("Parágrafo 0.")

    assert upload(t, "valores.txt", "Matrícula gratuita até dezembro.".encode()).status_code == 201
    md = upload(t, "faq.md", "# Dúvidas\n\nTem bolsa? Sim, até 30%.".encode(), title="Perguntas frequentes")
    assert (
        md.status_code == 201
        and md.get_json()["title"] == "Perguntas frequentes"
        and md.get_json()["filename"] == "faq.md"
    )
    pdf = upload(t, "catalogo.pdf", pdf_with("MBA em Direito Digital: mensalidade de R$ 420"))
    assert pdf.status_code == 201, pdf.get_json()
    assert pdf.get_json()["title"] == "catalogo" and "Direito Digital" in pdf.get_json()["chunks"][0]["text"]

    listed = all_documents(t)
    assert [d["title"] for d in listed] == [
        "catalogo",
        "Perguntas frequentes",
        "valores",
        "Metodologia",
        "Sobre a escola",
    ]
    previews = next(d for d in listed if d["title"] == "Metodologia")["chunks"]
    assert len(previews) == 3 and all(len(c["text"]) <= 200 for c in previews)
    page = t.get(KNOWLEDGE, query_string={"limit": 2}).get_json()
    assert len(page["items"]) == 2 and page["next_cursor"]

    assert t.delete(f"{KNOWLEDGE}/{doc['id']}").status_code == 204
    assert t.get(f"{KNOWLEDGE}/{doc['id']}").status_code == 404
    assert t.delete(f"{KNOWLEDGE}/{doc['id']}").status_code == 404
    assert "Metodologia" not in [d["title"] for d in all_documents(t)]


def test_one_document_shows_its_full_text_to_edit_and_an_edit_rechunks_it(tenant_factory):
    t, _ = agent_company(tenant_factory)
    created = t.post(KNOWLEDGE, json={"title": "Bolsas", "text": "Bolsa de 30% para ex-alunos."}).get_json()
    assert created["text"] == "Bolsa de 30% para ex-alunos."
    assert "text" not in next(d for d in all_documents(t) if d["id"] == created["id"])  # lists stay light

    edited = t.patch(f"{KNOWLEDGE}/{created['id']}", json={"text": "Bolsa de 40% para ex-alunos."})
    assert edited.status_code == 200 and edited.get_json()["text"] == "Bolsa de 40% para ex-alunos."
    shown = t.get(f"{KNOWLEDGE}/{created['id']}").get_json()
    assert shown["text"] == "Bolsa de 40% para ex-alunos." and shown["chunks"][0]["text"] == "Bolsa de 40% para ex-alunos."


def test_bad_documents_are_refused_naming_the_field(tenant_factory):
    t, _ = agent_company(tenant_factory)
    cases = [
        (upload(t, "contrato.docx", b"PK\x03\x04"), "file"),
        (upload(t, "vazio.txt", b"   "), "file"),
        (upload(t, "quebrado.pdf", b"%PDF-1.4 not really"), "file"),
        (t.post(KNOWLEDGE, json={"title": "", "text": "x"}), "title"),
        (t.post(KNOWLEDGE, json={"title": "Sem texto"}), "text"),
    ]
    for response, field in cases:
        assert response.status_code == 422, response.get_json()
        assert response.mimetype == "application/problem+json" and response.get_json()["errors"][0]["field"] == field
    plain = t.post(KNOWLEDGE, data="title=x", content_type="text/plain")
    assert plain.status_code == 415
    assert [d["title"] for d in all_documents(t)] == ["Sobre a escola"]


def test_without_a_provider_full_text_search_finds_exact_course_names_and_prices(tenant_factory):
    t, _ = agent_company(tenant_factory)
    for title, body in COURSES.items():
        assert t.post(KNOWLEDGE, json={"title": title, "text": body}).status_code == 201

    answer = ask(t, "Quanto custa o MBA em Gestao Financeira?")  # no accents: still found
    assert answer["model"] == "scripted"
    assert (
        answer["knowledge"][0]["title"] == "MBA em Gestão Financeira" and "R$ 349,00" in answer["knowledge"][0]["text"]
    )
    assert answer["knowledge"][0]["matched_by"] == ["text"]
    by_price = ask(t, "Qual curso custa 420?")
    assert by_price["knowledge"][0]["title"] == "Pós em Direito Digital"
    assert ask(t, "xyzzy")["knowledge"] == []


def test_with_a_provider_a_worker_embeds_documents_and_search_fuses_vectors_with_full_text(tenant_factory, worker):
    with respx.mock(assert_all_called=False) as router:
        provider = FakeProvider().install(router)
        t, _ = agent_company(tenant_factory, **provider_settings())
        created = [t.post(KNOWLEDGE, json={"title": title, "text": body}).get_json() for title, body in COURSES.items()]
        assert {d["embedding_status"] for d in created} == {"pending"}

        def embedded():
            docs = [d for d in all_documents(t) if d["source"] == "text"]
            return docs if all(d["embedding_status"] == "ready" for d in docs) else None

        docs = wait_for(embedded, what="the documents to be embedded")
        assert {d["embedding_model"] for d in docs} == {"text-embedding-3-small"}
        assert all(c["embedded"] for d in docs for c in d["chunks"])
        assert set(COURSES.values()) <= set(provider.embedded)

        answer = ask(t, "Quero saber da mensalidade do MBA em Gestão Financeira")
        best = answer["knowledge"][0]
        assert best["title"] == "MBA em Gestão Financeira" and best["matched_by"] == ["text", "vector"]

        changed = t.patch(
            f"{KNOWLEDGE}/{created[0]['id']}", json={"text": "O MBA em Gestão Financeira agora custa R$ 379,00."}
        )
        assert changed.status_code == 200 and changed.get_json()["embedding_status"] == "pending"
        wait_for(
            lambda: t.get(f"{KNOWLEDGE}/{created[0]['id']}").get_json()["embedding_status"] == "ready",
            what="re-embedding",
        )
        assert "O MBA em Gestão Financeira agora custa R$ 379,00." in provider.embedded


def test_the_knowledge_base_needs_the_plugin_and_admins_to_change_it(tenant_factory):
    t = tenant_factory(blueprint="education")
    assert t.get(KNOWLEDGE).status_code == 404
    assert t.post(KNOWLEDGE, json={"title": "x", "text": "y"}).status_code == 404
    assert t.post(TEST_CHAT, json={"messages": [{"role": "user", "content": "oi"}]}).status_code == 404
    t.post("/api/v1/plugins/ai-agent/enable")
    assert t.get(KNOWLEDGE).status_code == 200
    other, _ = agent_company(tenant_factory)
    theirs = other.post(KNOWLEDGE, json={"title": "Segredo", "text": "Preço especial"}).get_json()
    assert t.get(f"{KNOWLEDGE}/{theirs['id']}").status_code == 404
    assert t.delete(f"{KNOWLEDGE}/{theirs['id']}").status_code == 404
