"""deploy/nginx: the site nginx runs is valid, and its micro-cache decides as the app's page
cache does (twincity/core/pagecache.py). bench/cluster.py runs the same files under load."""

import importlib.util
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import require
from twincity.core import pagecache

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def load_renderer():
    spec = importlib.util.spec_from_file_location("render_nginx", DEPLOY / "render_nginx.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


render_nginx = load_renderer()


def rendered_site(tmp_path: Path) -> Path:
    """The templates filled from the example environment file, as an operator would."""
    env = render_nginx.read_environment_file(DEPLOY / "twincity.env.example")
    values = {**render_nginx.DEFAULTS, **render_nginx.values_from_environment(env)}
    values.update(
        HTTP_LISTEN="127.0.0.1:18089",
        HTTPS_LISTEN="127.0.0.1:18443",
        CACHE_DIR=str(tmp_path / "cache"),
        LOG_DIR=str(tmp_path),
    )
    certificate, key = render_nginx.self_signed_certificate(tmp_path / "tls", "127.0.0.1")
    values.update(TLS_CERTIFICATE=str(certificate), TLS_CERTIFICATE_KEY=str(key))
    return render_nginx.render(tmp_path / "site", values)


def test_nginx_accepts_the_rendered_site(tmp_path):
    require(
        shutil.which("nginx") is not None, "nginx is not installed (apt-get install nginx-light)"
    )
    require(shutil.which("openssl") is not None, "openssl is not installed")
    site = rendered_site(tmp_path)
    user = "root" if os.geteuid() == 0 else ""
    conf = render_nginx.standalone_conf(tmp_path / "prefix", site, user=user)
    command = ["nginx", "-t", "-p", str(tmp_path / "prefix"), "-c", str(conf)]
    checked = subprocess.run(
        [*command, "-e", str(tmp_path / "error.log")], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    # nginx serves the folders and refuses the bodies the app's environment file names.
    locations = (site.parent / "twincity-site.conf").read_text()
    assert "alias /srv/twincity/var/static/;" in locations
    assert "client_max_body_size 6m;" in locations


def test_a_value_left_out_is_refused():
    with pytest.raises(SystemExit, match="MEDIA_ROOT"):
        render_nginx.fill("alias @MEDIA_ROOT@/;", {})


def test_environment_file_is_read_as_systemd_reads_it(tmp_path):
    path = tmp_path / "twincity.env"
    path.write_text('# comment\nA=1\nDEFAULT_FROM_EMAIL="Twin City <x@y>"\n\nB = two words\n')
    assert render_nginx.read_environment_file(path) == {
        "A": "1",
        "DEFAULT_FROM_EMAIL": "Twin City <x@y>",
        "B": "two words",
    }


def test_micro_cache_skips_the_paths_the_page_cache_skips():
    conf = (DEPLOY / "nginx" / "twincity.conf").read_text()
    the_map = re.search(r"map \$uri \$twincity_uncached_path \{(.*?)\}", conf, re.DOTALL).group(1)
    prefixes = {
        f"/{name}{slash}"
        for names, slash in re.findall(r"~\^/\(([^)]+)\)(/?)\s+1;", the_map)
        for name in names.split("|")
    }
    assert prefixes == set(pagecache.UNCACHED_PREFIXES)


def test_micro_cache_is_bypassed_by_the_session_cookie_only():
    # The template's default is Django's session cookie, which settings.py keeps.
    assert render_nginx.DEFAULTS["SESSION_COOKIE_NAME"] == settings.SESSION_COOKIE_NAME
    conf = (DEPLOY / "nginx" / "twincity.conf").read_text()
    assert "map $cookie_@SESSION_COOKIE_NAME@ $twincity_signed_in" in conf
    assert "$cookie_csrftoken" not in conf and "$cookie_django_language" not in conf
