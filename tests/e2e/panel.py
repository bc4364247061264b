"""What a person does in the panel, found the way they find it: links, buttons and visible labels.

The panel is in Brazilian Portuguese for a new company (its default); the
language test switches it to English.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

import httpx
from playwright.sync_api import Page, expect

PASSWORD = "uma senha bem longa"


@dataclass
class Company:
    """A company signed up through the API (setup for a test that is about something else)."""

    slug: str
    email: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def new_slug(prefix: str) -> str:
    """A slug no other test uses."""
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def sign_up_by_api(api: httpx.Client, blueprint: str = "generic") -> Company:
    """Create a company and its owner through ``POST /api/v1/signup``."""
    slug = new_slug("e2e")
    email = f"dona@{slug}.example"
    body = {
        "company": f"Empresa {slug}",
        "slug": slug,
        "name": "Ana Souza",
        "email": email,
        "password": PASSWORD,
        "blueprint": blueprint,
    }
    response = api.post("/api/v1/signup", json=body)
    assert response.status_code == 201, response.text
    return Company(slug, email, response.json()["access_token"])


def log_in(page: Page, email: str, password: str = PASSWORD) -> None:
    """Log in through the login form and wait for the inbox."""
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Senha").fill(password)
    page.get_by_role("button", name="Entrar").click()
    expect(page).to_have_url(re.compile(r"/inbox"))


def go_to(page: Page, nav_label: str) -> None:
    """Follow a link of the main navigation."""
    page.get_by_role("navigation").get_by_role("link", name=nav_label).click()


def conversation_link(page: Page, name: str):
    """The conversation list's entry for contact ``name``."""
    return page.get_by_role("list", name="Conversas").get_by_role("link", name=re.compile(re.escape(name)))


def wait_until_live(page: Page) -> None:
    """Until the panel says new messages arrive live (its realtime stream is open) for the signed-in user."""
    expect(page.get_by_role("status").filter(has_text="Ao vivo")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Ana Souza · Proprietário$"))).to_be_visible()  # the user is loaded


def mark_page(page: Page) -> None:
    """Tag the loaded document, so ``assert_not_reloaded`` can prove a change arrived without a reload."""
    page.evaluate("window.__atriumE2E = 'still the same document'")


def assert_not_reloaded(page: Page) -> None:
    """The document marked by ``mark_page`` is still the one shown."""
    assert page.evaluate("window.__atriumE2E") == "still the same document"
