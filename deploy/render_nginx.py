#!/usr/bin/env python3
"""Fill deploy/nginx's templates for one site and write them, ready to include, into one folder.

    python3 deploy/render_nginx.py --env /etc/twincity/twincity.env --out /etc/nginx/twincity
    # then, inside http {} of /etc/nginx/nginx.conf:  include /etc/nginx/twincity/twincity.conf;
    nginx -t && systemctl reload nginx

Paths and limits come from the site's environment file, the one the app servers read
(deploy/twincity.env.example), so that nginx serves the folders Django writes and refuses the
bodies Django would refuse. The server name is the first of DJANGO_ALLOWED_HOSTS and the
certificate Let's Encrypt's for it unless `--set NAME=value` says otherwise (the names written
between at-signs in the templates). `--standalone PREFIX` also writes an nginx.conf that runs the site in
a private nginx (`nginx -p PREFIX -c PREFIX/nginx.conf`), as `make cluster` and the tests do;
`--self-signed` makes a certificate for it. Only the standard library: runs with any python3.
"""

import argparse
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "nginx"
TEMPLATE_FILES = ("twincity.conf", "twincity-site.conf", "proxy.conf", "security-headers.conf")
PLACEHOLDER = re.compile(r"@([A-Z_]+)@")
DEFAULTS = {
    "HTTP_LISTEN": "80",
    "HTTPS_LISTEN": "443",
    "APP_SERVERS": "127.0.0.1:8101,127.0.0.1:8102",  # twincity-web@8101, twincity-web@8102
    "CACHE_DIR": "/var/cache/nginx/twincity",
    "LOG_DIR": "/var/log/nginx",
    "MICRO_CACHE_SECONDS": "1",
    "SESSION_COOKIE_NAME": "sessionid",  # Django's; settings.py keeps it
}


def read_environment_file(path: Path) -> dict[str, str]:
    """KEY=value lines as systemd's EnvironmentFile= reads them (comments, optional quotes)."""
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")) or "=" not in line:
            continue
        key, value = line.split("=", 1)
        value = value.strip()
        values[key.strip()] = shlex.split(value)[0] if value[:1] in "\"'" else value
    return values


def values_from_environment(env: dict[str, str]) -> dict[str, str]:
    """The templates' values that the app's settings decide too (twincity/settings.py)."""
    var_dir = env.get("TWINCITY_VAR_DIR", "")

    def folder(name: str, under_var: str) -> str:
        path = env.get(name) or (f"{var_dir}/{under_var}" if var_dir else "")
        if not path:
            raise SystemExit(f"the environment file sets neither {name} nor TWINCITY_VAR_DIR")
        return path.rstrip("/")

    server_name = env.get("DJANGO_ALLOWED_HOSTS", "localhost").split(",")[0].strip()
    return {
        "SERVER_NAME": server_name,
        "TLS_CERTIFICATE": f"/etc/letsencrypt/live/{server_name}/fullchain.pem",
        "TLS_CERTIFICATE_KEY": f"/etc/letsencrypt/live/{server_name}/privkey.pem",
        "STATIC_ROOT": folder("STATIC_ROOT", "static"),
        "MEDIA_ROOT": folder("MEDIA_ROOT", "media"),
        "PRIVATE_MEDIA_ROOT": folder("PRIVATE_MEDIA_ROOT", "private"),
        "PRIVATE_ACCEL_PREFIX": env.get("TWINCITY_PRIVATE_ACCEL_PREFIX", "/_private/"),
        "MAX_BODY_MB": env.get("TWINCITY_MAX_REQUEST_MB", "6"),
        "MAX_ADMIN_BODY_MB": env.get("TWINCITY_MAX_ADMIN_REQUEST_MB", "60"),
    }


def upstream_lines(servers: str) -> str:
    # One failure takes a server out for 10 s: the next requests go straight to the others.
    return "\n".join(
        f"    server {server.strip()} max_fails=1 fail_timeout=10s;"
        for server in servers.split(",")
        if server.strip()
    )


def fill(template: str, values: dict[str, str]) -> str:
    missing = sorted(set(PLACEHOLDER.findall(template)) - values.keys())
    if missing:
        raise SystemExit(f"no value for {', '.join(missing)}: pass --set NAME=value")
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


def render(out: Path, values: dict[str, str]) -> Path:
    """Write the filled templates and the error pages into out; returns twincity.conf's path."""
    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    values = {**values, "NGINX_DIR": str(out)}
    values["APP_SERVERS"] = upstream_lines(values["APP_SERVERS"])
    for name in TEMPLATE_FILES:
        (out / name).write_text(fill((TEMPLATES / name).read_text(), values))
    shutil.copytree(TEMPLATES / "errors", out / "_errors", dirs_exist_ok=True)
    return out / "twincity.conf"


def standalone_conf(prefix: Path, site_conf: Path, extra: str = "", user: str = "") -> Path:
    """An nginx.conf for a private nginx under prefix that serves the site (and `extra`, more
    server blocks). As root, `user` names the account of its worker processes."""
    temp = prefix / "temp"
    temp.mkdir(parents=True, exist_ok=True)
    conf = prefix / "nginx.conf"
    conf.write_text(
        f"""{f"user {user};" if user else ""}
worker_processes auto;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    server_tokens off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {site_conf};
{extra}
}}
"""
    )
    return conf


def self_signed_certificate(folder: Path, host: str) -> tuple[Path, Path]:
    """A certificate for trying TLS on loopback (browsers will warn: nobody signed it)."""
    folder.mkdir(parents=True, exist_ok=True)
    certificate, key = folder / "self-signed.crt", folder / "self-signed.key"
    if not certificate.exists():
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
            + [
                "-nodes",
                "-days",
                "30",
                "-subj",
                f"/CN={host}",
                "-addext",
                f"subjectAltName=DNS:{host},IP:127.0.0.1",
            ]
            + ["-keyout", str(key), "-out", str(certificate)],
            check=True,
            capture_output=True,
        )
    return certificate, key


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--env", type=Path, required=True, help="the site's environment file")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=value")
    parser.add_argument("--standalone", type=Path, metavar="PREFIX", help="also an nginx.conf")
    parser.add_argument("--self-signed", action="store_true", help="make a loopback certificate")
    args = parser.parse_args()
    values = {**DEFAULTS, **values_from_environment(read_environment_file(args.env))}
    values.update(item.split("=", 1) for item in args.set)
    if args.self_signed:
        certificate, key = self_signed_certificate(
            args.out.resolve() / "tls", values["SERVER_NAME"]
        )
        values.update(TLS_CERTIFICATE=str(certificate), TLS_CERTIFICATE_KEY=str(key))
    site = render(args.out, values)
    print(f"wrote {site}")
    if args.standalone:
        user = "root" if os.geteuid() == 0 else ""
        print(f"wrote {standalone_conf(args.standalone, site, user=user)}")


if __name__ == "__main__":
    main()
