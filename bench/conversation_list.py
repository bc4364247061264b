"""Benchmark the inbox list (``GET /api/v1/conversations``) of a large company on a throwaway embedded stack.

One company gets ``--contacts`` contacts, one conversation each with 1-30
messages (most conversations short: ``1 + 29·u²``, about ``--contacts`` x 10.7
messages in all), a mix of statuses (25 % open, 10 % pending, 65 % resolved),
ten agents (the owner among them) assigned to 80 % of the conversations,
15 % unread, 35 % of the contacts tagged, 70 % with a lead status,
and message text drawn from Portuguese sales phrases. The rows are generated
in SQL (``INSERT ... SELECT generate_series``) with the tenant's non-unique
indexes dropped meanwhile and rebuilt from their exact definitions, then
``VACUUM ANALYZE``: the steady state autovacuum keeps.

Each list (first page, next page, filters, search) is then requested
``--requests`` times through HTTP from ``atrium web`` (gunicorn, gevent), as
the owner, one request at a time, the lists in turn; p50/p95/p99 and the CPU
time of the web server and PostgreSQL per request of each list.

Usage: ``make bench-inbox`` or ``.venv/bin/python bench/conversation_list.py``.
Results go to ``bench/results/conversation_list.tmp`` (``--baseline`` also
writes ``conversation_list.baseline.json``).
"""

from __future__ import annotations

import argparse
import os
import time
from collections import Counter

from _stack import Company, Stack, header, summary, write_results
from sqlalchemy import text

from atrium.db.session import get_engine

TABLES = ("contacts", "contact_identities", "contact_tags", "conversations", "messages")
FIRST_NAMES = (
    "Ana Maria João José Antônio Francisco Carlos Paulo Pedro Lucas Luiz Marcos Luís Gabriel Rafael Daniel "
    "Marcelo Bruno Eduardo Felipe Raimundo Rodrigo Manoel Mateus André Fernando Fábio Leonardo Gustavo "
    "Guilherme Juliana Adriana Márcia Fernanda Patrícia Aline Sandra Camila Amanda Bruna Jéssica Letícia "
    "Júlia Luciana Vanessa Mariana Gabriela Vera Vitória Larissa Cláudia Beatriz Luana Rita Sônia Renata Eliane"
)  # space-separated
LAST_NAMES = (
    "Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Costa Ribeiro Martins Carvalho "
    "Almeida Lopes Soares Fernandes Vieira Barbosa Rocha Dias Nascimento Andrade Moreira Nunes Marques "
    "Machado Mendes Freitas Cardoso Ramos Gonçalves Santana Teixeira Araújo Pinto Moura Cavalcanti Conceição"
)  # space-separated
WORDS = (
    "olá bom dia boa tarde noite obrigado obrigada por favor quanto custa preço valor plano anual mensal "
    "desconto promoção parcelar parcelas cartão pix boleto pagamento vencimento fatura nota fiscal entrega "
    "prazo frete endereço pedido compra produto serviço curso matrícula aula horário agenda agendar visita "
    "consulta reunião proposta orçamento contrato assinatura cancelar renovar dúvida informação ajuda "
    "atendimento vendedor gerente cliente empresa site link foto vídeo áudio documento enviar recebi "
    "confirmar confirmado certo combinado amanhã hoje semana segunda sexta sábado manhã tarde urgente "
    "disponível estoque tamanho cor modelo garantia troca devolução apartamento imóvel aluguel financiamento "
    "entrada simulação parcela juros taxa banco crédito aprovado documentação"
)  # space-separated


def sql(statement: str, schema: str = "public", **params) -> None:
    """Run one statement in its own transaction in ``schema``, with a generous ``maintenance_work_mem``."""
    with get_engine().begin() as conn:
        conn.exec_driver_sql(f'SET LOCAL search_path TO "{schema}", public')
        conn.exec_driver_sql("SET LOCAL maintenance_work_mem = '256MB'")
        conn.execute(text(statement), params)


def people(company: Company, agents: int) -> list[str]:
    """The owner and ``agents - 1`` more agents, created through the API; their user ids."""
    ids = [company.user_id]
    for n in range(1, agents):
        body = {"email": f"agent{n}@bench.example.com", "name": f"Agente {n}", "password": "correct horse battery"}
        ids.append(company.post("/api/v1/users", json=body).json()["id"])
    return ids


def generate(company: Company, channel_id: str, contacts: int, users: list[str], tags: list[str]) -> dict:
    """Fill the company's schema; returns row counts and how long each step took."""
    schema = company.schema
    with get_engine().connect() as conn:
        stages = conn.execute(text(f'SELECT key FROM "{schema}".pipeline_stages ORDER BY position')).scalars().all()
        indexes = conn.execute(  # every index but those of primary keys and unique constraints
            text(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = :schema AND tablename = ANY(:tables) "
                "AND indexname NOT IN (SELECT conname FROM pg_constraint c "
                "JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = :schema)"
            ),
            {"schema": schema, "tables": list(TABLES)},
        ).all()
    steps: dict[str, float] = {}

    def step(name: str, statement: str, **params) -> None:
        started = time.perf_counter()
        sql(statement, schema, **params)
        steps[name] = round(time.perf_counter() - started, 1)
        print(f"  {name}: {steps[name]} s", flush=True)

    for name, _ in indexes:
        sql(f'DROP INDEX "{schema}"."{name}"')
    sql(
        "CREATE FUNCTION public.bench_pick(items text[]) RETURNS text VOLATILE LANGUAGE sql "
        "AS 'SELECT items[1 + floor(random() * cardinality(items))::int]'"
    )
    step(
        "plan",
        "CREATE UNLOGGED TABLE public.bench_plan AS SELECT g AS n, gen_random_uuid() AS contact_id, "
        "gen_random_uuid() AS conversation_id, 1 + floor(29 * random() ^ 2)::int AS messages, "
        "now() - random() * interval '180 days' AS last_at, interval '1 minute' + random() * interval '3 hours' AS step, "
        "bench_pick(CAST(:first AS text[])) || ' ' || bench_pick(CAST(:last AS text[])) AS name, "
        "CASE WHEN random() < 0.7 THEN bench_pick(CAST(:stages AS text[])) END AS stage_key, "
        "CASE WHEN random() < 0.8 THEN bench_pick(CAST(:users AS text[]))::uuid END AS assignee_id, "
        "CASE WHEN random() < 0.35 THEN bench_pick(CAST(:tags AS text[]))::uuid END AS tag, "
        "CASE WHEN random() < 0.1 THEN bench_pick(CAST(:tags AS text[]))::uuid END AS other_tag "
        "FROM generate_series(1, :contacts) g",
        contacts=contacts,
        first=FIRST_NAMES.split(),
        last=LAST_NAMES.split(),
        stages=list(stages),
        users=users,
        tags=tags,
    )
    step(
        "contacts",
        "INSERT INTO contacts (id, created_at, updated_at, name, phone, email, stage_key, assignee_id, custom_fields) "
        "SELECT contact_id, last_at - (messages - 1) * step, last_at, name, '55119' || lpad(n::text, 8, '0'), "
        "CASE WHEN n % 3 = 0 THEN 'cliente' || n || '@example.com' END, stage_key, assignee_id, '{}' FROM bench_plan",
    )
    step(
        "contact_identities",
        "INSERT INTO contact_identities (id, contact_id, kind, value) "
        "SELECT gen_random_uuid(), contact_id, 'wa_id', '55119' || lpad(n::text, 8, '0') FROM bench_plan",
    )
    step(
        "contact_tags",
        "INSERT INTO contact_tags (contact_id, tag_id) SELECT contact_id, tag FROM bench_plan WHERE tag IS NOT NULL "
        "UNION SELECT contact_id, other_tag FROM bench_plan WHERE tag IS NOT NULL AND other_tag IS NOT NULL",
    )
    step(
        "conversations",
        "INSERT INTO conversations (id, created_at, updated_at, contact_id, channel_id, status, assignee_id, unread_count, "
        "last_message_at, last_message_preview, last_inbound_at, ai_active) "
        "SELECT conversation_id, last_at - (messages - 1) * step, last_at, contact_id, :channel, "
        "CASE WHEN n % 20 < 5 THEN 'open' WHEN n % 20 < 7 THEN 'pending' ELSE 'resolved' END, assignee_id, "
        "CASE WHEN random() < 0.15 THEN 1 + floor(random() * 5)::int ELSE 0 END, last_at, 'Mensagem ' || n, last_at, false "
        "FROM bench_plan",
        channel=channel_id,
    )
    step(
        "messages",
        "INSERT INTO messages (id, conversation_id, channel_id, direction, type, text, content, provider_message_id, "
        "status, author_type, created_at, attempts) "
        "SELECT gen_random_uuid(), p.conversation_id, :channel, CASE WHEN k % 2 = 0 THEN 'inbound' ELSE 'outbound' END, "
        "'text', (SELECT string_agg(bench_pick(CAST(:words AS text[])), ' ') FROM generate_series(0, 3 + (k + p.n) % 9)), "
        "'{}', 'wamid.gen.' || p.n || '.' || k, CASE WHEN k % 2 = 0 THEN 'received' ELSE 'read' END, "
        "CASE WHEN k % 2 = 0 THEN 'contact' ELSE 'agent' END, p.last_at - (p.messages - 1 - k) * p.step, 0 "
        "FROM bench_plan p CROSS JOIN LATERAL generate_series(0, p.messages - 1) k",
        channel=channel_id,
        words=WORDS.split(),
    )
    sql("DROP TABLE public.bench_plan; DROP FUNCTION public.bench_pick")
    started = time.perf_counter()
    for _, definition in indexes:
        sql(definition)
    steps["indexes"] = round(time.perf_counter() - started, 1)
    print(f"  {len(indexes)} indexes rebuilt: {steps['indexes']} s", flush=True)
    started = time.perf_counter()
    with get_engine().connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in TABLES:
            conn.exec_driver_sql(f'VACUUM ANALYZE "{schema}".{table}')
        counts = {t: conn.execute(text(f'SELECT count(*) FROM "{schema}".{t}')).scalar() for t in TABLES}
    steps["vacuum_analyze"] = round(time.perf_counter() - started, 1)
    return {"rows": counts, "seconds": steps}


def scenarios(company: Company, tags: list[str]) -> dict[str, dict]:
    """The lists measured: query string of each (the next page's cursor is read from the first page)."""
    first = company.get("/api/v1/conversations").json()
    return {
        "first_page": {},
        "second_page": {"cursor": first["next_cursor"]},
        "status_open": {"status": "open"},
        "assignee_me": {"assignee": "me"},
        "mine_open": {"assignee": "me", "status": "open"},
        "unassigned": {"assignee": "unassigned"},
        "unread": {"unread": "true"},
        "tag": {"tag": tags[0]},
        "search_common_word": {"q": "boleto"},
        "search_two_words": {"q": "nota fiscal"},
        "search_name": {"q": "Mariana Conceição"},
        "search_phone_digits": {"q": "00004242"},
    }


def measure(stack: Stack, web_pid: int, company: Company, lists: dict[str, dict], rounds: int) -> dict[str, dict]:
    """``rounds`` rounds of one GET of every list in turn, after an unmeasured one (a change in the
    machine's load hits every list alike); latency, page size and CPU per request of each list."""
    seconds: dict[str, list[float]] = {name: [] for name in lists}
    sizes: dict[str, set[int]] = {name: set() for name in lists}
    cpu: dict[str, Counter] = {name: Counter() for name in lists}
    for round_ in range(rounds + 1):
        for name, params in lists.items():
            before = stack.cpu_seconds(web=[web_pid])
            started = time.perf_counter()
            answer = company.get("/api/v1/conversations", params=params)
            elapsed = time.perf_counter() - started
            after = stack.cpu_seconds(web=[web_pid])
            answer.raise_for_status()
            if round_:
                seconds[name].append(elapsed)
                sizes[name].add(len(answer.json()["items"]))
                cpu[name].update({k: after[k] - before[k] for k in after})
    return {
        name: {
            "query": lists[name],
            "items_per_page": sorted(sizes[name]),
            **summary(seconds[name]),
            "cpu_ms_per_request": {k: round(1000 * cpu[name][k] / rounds, 2) for k in ("web", "postgres")},
        }
        for name in lists
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000, help="contacts (and conversations) generated")
    parser.add_argument("--agents", type=int, default=10, help="team members conversations are assigned to")
    parser.add_argument("--requests", type=int, default=200, help="measured requests per list")
    parser.add_argument(
        "--baseline", action="store_true", help="also write bench/results/conversation_list.baseline.json"
    )
    args = parser.parse_args()

    results = header("conversation_list")
    with Stack() as stack:
        web, base = stack.web()
        company = Company(base)
        channel = company.connect_whatsapp()
        users = people(company, args.agents)
        tags = [company.post("/api/v1/tags", json={"name": f"Etiqueta {n}"}).json()["id"] for n in range(8)]
        print(f"generating {args.contacts} contacts and their conversations...", flush=True)
        results["data"] = generate(company, channel["id"], args.contacts, users, tags)
        company.login()
        print(f"{args.requests} rounds over every list...", flush=True)
        results["lists"] = measure(stack, web.pid, company, scenarios(company, tags), args.requests)
        for name, figures in results["lists"].items():
            cpu = figures["cpu_ms_per_request"]
            print(f"  {name}: p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, CPU {cpu} ms", flush=True)
        results["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    write_results("conversation_list", results, args.baseline)


if __name__ == "__main__":
    main()
