"""The panel's files go out precompressed (Brotli, gzip) to browsers that accept them, with caching
that fits their names: hashed assets for a year, index.html revalidated."""

import gzip

import pytest

SCRIPT = b"console.log('atrium');" * 100
FAKE_BROTLI = b"\x1b\x97brotli-bytes"  # what the build wrote; served as is


@pytest.fixture(scope="module")
def panel(atrium_stack, tmp_path_factory):
    from atrium.app import create_app

    dist = tmp_path_factory.mktemp("dist")
    (dist / "index.html").write_bytes(b'<!doctype html><script type="module" src="/assets/index-Ab12.js"></script>' * 20)
    (dist / "index.html.gz").write_bytes(gzip.compress((dist / "index.html").read_bytes()))
    (dist / "assets").mkdir()
    (dist / "assets" / "index-Ab12.js").write_bytes(SCRIPT)
    (dist / "assets" / "index-Ab12.js.gz").write_bytes(gzip.compress(SCRIPT))
    (dist / "assets" / "index-Ab12.js.br").write_bytes(FAKE_BROTLI)
    (dist / "assets" / "logo-Cd34.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return create_app({"TESTING": True, "FRONTEND_DIST": str(dist)}).test_client()


def test_browsers_get_brotli_then_gzip_then_the_plain_file(panel):
    brotli = panel.get("/assets/index-Ab12.js", headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert brotli.headers["Content-Encoding"] == "br" and brotli.data == FAKE_BROTLI
    assert brotli.mimetype == "text/javascript" and brotli.headers["Content-Length"] == str(len(FAKE_BROTLI))
    assert "Accept-Encoding" in brotli.headers["Vary"]

    gzipped = panel.get("/assets/index-Ab12.js", headers={"Accept-Encoding": "gzip"})
    assert gzipped.headers["Content-Encoding"] == "gzip" and gzip.decompress(gzipped.data) == SCRIPT

    plain = panel.get("/assets/index-Ab12.js", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers and plain.data == SCRIPT
    assert "Accept-Encoding" in plain.headers["Vary"]  # caches must keep the variants apart


def test_hashed_assets_are_cached_for_a_year_and_pages_are_revalidated(panel):
    for path in ("/assets/index-Ab12.js", "/assets/logo-Cd34.png"):
        assert panel.get(path).headers["Cache-Control"] == "public, max-age=31536000, immutable"
    page = panel.get("/inbox/123", headers={"Accept-Encoding": "gzip"})
    assert page.headers["Cache-Control"] == "no-cache" and page.headers["Content-Encoding"] == "gzip"
    assert page.mimetype == "text/html" and b"/assets/index-Ab12.js" in gzip.decompress(page.data)
    assert "Content-Encoding" not in panel.get("/assets/logo-Cd34.png", headers={"Accept-Encoding": "br"}).headers
