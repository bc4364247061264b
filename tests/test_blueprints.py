"""Every blueprint in tenants/ provisions a working company; broken blueprints are refused by name."""

import uuid

import pytest
from sqlalchemy import select

from atrium.config import get_settings
from atrium.crm.models import PipelineStage, Tag
from atrium.db.session import tenant_session
from atrium.errors import Invalid
from atrium.tenancy.blueprints import blueprint_names, load_blueprint
from atrium.tenancy.models import TenantConfig
from atrium.tenancy.provisioning import Owner, provision

SHIPPED = blueprint_names(get_settings().blueprints_dir)


def test_the_promised_blueprints_ship():
    assert {"education", "real-estate", "clinic", "generic"} <= set(SHIPPED)


@pytest.mark.parametrize("name", SHIPPED)
def test_blueprint_provisions_and_seeds(atrium_stack, name):
    plan = load_blueprint(name)
    assert plan["pipeline"] and plan["tags"] and plan["plugins"]["ai-agent"]["system_prompt"]
    slug = f"bp-{uuid.uuid4().hex[:10]}"
    tenant, _ = provision(slug, plan["title"], Owner(email=f"{slug}@example.com", name="Owner"), name)
    assert tenant.blueprint == name
    with tenant_session(tenant.schema_name) as db:
        stages = db.scalars(select(PipelineStage).order_by(PipelineStage.position)).all()
        assert [(s.key, s.name, s.outcome) for s in stages] == [(p["key"], p["name"], p.get("outcome")) for p in plan["pipeline"]]
        assert sorted(db.scalars(select(Tag.name))) == sorted(t["name"] for t in plan["tags"])
        stored = db.get(TenantConfig, "blueprint").value
    assert stored == plan  # everything later plugins read (AI steps, prompt, templates, knowledge)


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ('[[pipeline]]\nkey = "new"\nname = "A"\n[[pipeline]]\nkey = "new"\nname = "B"\n', "duplicate pipeline key 'new'"),
        ('[[tags]]\nname = "vip"\n[[tags]]\nname = "vip"\n', "duplicate tags name 'vip'"),
        ('[[pipeline]]\nname = "No key"\n', "pipeline entry 1 has no 'key'"),
        ('[[pipeline]]\nkey = "done"\nname = "Done"\noutcome = "maybe"\n', "outcome must be"),
        ("title = \n", "broken"),
    ],
)
def test_a_broken_blueprint_is_refused_naming_the_field(tmp_path, body, problem):
    (tmp_path / "broken.toml").write_text(body, encoding="utf-8")
    with pytest.raises(Invalid, match=problem) as caught:
        load_blueprint("broken", tmp_path)
    assert caught.value.errors[0]["field"] == "blueprint"


def test_an_unknown_blueprint_lists_the_choices(tmp_path):
    (tmp_path / "shop.toml").write_text('title = "Shop"\n', encoding="utf-8")
    with pytest.raises(Invalid, match="choose one of: shop"):
        load_blueprint("../tenants/clinic", tmp_path)
