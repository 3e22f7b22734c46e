#!/usr/bin/env python3
"""A test double of the Carepledge server for the dashboard's browser tests.

It serves web/ and answers /api/v1 from fixtures.json in the shapes of the
API contract (docs/dashboard.md), with the same security headers, the
session cookie and the CSRF check, so the pages can be laid out and tested
before (and independently of) the real server. Not shipped; loopback only.

usage: fixture_server.py PORT
"""
import http.server
import json
import os
import re
import secrets
import sys
from urllib.parse import urlsplit, parse_qs

HERE = os.path.dirname(os.path.abspath(__file__))
WEBROOT = os.path.join(HERE, "..", "..", "web")
FIXTURES = json.load(open(os.path.join(HERE, "fixtures.json")))
SESSIONS = {}  # token -> {"user", "csrf"}
RECORDED = []  # (child, kind) pairs posted, which leave the worklist
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ITEM_OF_KIND = {"pathway_plan": "pathway_plan_review"}


QUARTER = re.compile(r"^\d{4}Q[1-4]$")


def small_pdf(title, subject, pages):
    """A PDF of one line of text a page (Helvetica, A4), with its title and
    subject: the double's stand-in for the pack the real server draws."""
    def text(s):
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    n = len(pages)
    objs = ["<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [%s] /Count %d >>" % (
                " ".join(f"{4 + 2 * i} 0 R" for i in range(n)), n),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for i, line in enumerate(pages):
        stream = f"BT /F1 14 Tf 56 780 Td ({text(line)}) Tj ET"
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] "
                    f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>")
        objs.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    objs.append(f"<< /Title ({text(title)}) /Subject ({text(subject)}) >>")
    out, offsets = bytearray(b"%PDF-1.5\n"), []
    for k, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{k} 0 obj\n{o}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R /Info {len(objs)} 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


class Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *a, **kw):
        super().__init__(*a, directory=WEBROOT, **kw)

    def log_message(self, fmt, *args):
        pass

    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        super().end_headers()

    def send_json(self, status, doc, cookie=None):
        body = json.dumps(doc).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        if cookie is not None:
            self.send_header("Set-Cookie", cookie)
        self.end_headers()
        self.wfile.write(body)

    def error(self, status, code, message, field=None):
        err = {"status": status, "code": code, "message": message}
        if field:
            err["field"] = field
        self.send_json(status, {"error": err})

    def ok(self, data, **meta):
        self.send_json(200, {"data": data, "meta": {"commit": 1, **meta}})

    def session(self):
        for part in self.headers.get("Cookie", "").split(";"):
            k, _, v = part.strip().partition("=")
            if k == "cp_session" and v in SESSIONS:
                return SESSIONS[v]
        return None

    def body_json(self):
        n = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(n) if n else b""
        return json.loads(raw or b"{}")

    def do_GET(self):
        url = urlsplit(self.path)
        if not url.path.startswith("/api/v1/"):
            return super().do_GET()
        s = self.session()
        if not s:
            return self.error(401, "unauthenticated", "Sign in first.")
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        path = url.path[len("/api/v1"):]
        user = FIXTURES["users"][s["user"]]
        if path == "/me":
            return self.ok({"user": s["user"], "role": user["role"], "capabilities": user["capabilities"]})
        if path == "/worklist":
            items = [i for i in FIXTURES["worklist"] if (i["child"], i["item"]) not in RECORDED]
            if q.get("overdue") == "1":
                items = [i for i in items if i["status"] == "overdue"]
            return self.ok(items, total=len(items))
        if path == "/children":
            return self.ok(FIXTURES["children"], total=len(FIXTURES["children"]))
        m = re.fullmatch(r"/children/([^/]+)", path)
        if m:
            if "child_read" not in user["capabilities"]:
                return self.error(403, "forbidden", "Your role may not open a child's record.")
            child = dict(FIXTURES["child"], child=m.group(1))
            return self.ok(child)
        if path == "/pack":
            return self.pack(user, q)
        table = {"/profile": "profile", "/compliance": "compliance", "/scorecard": "scorecard",
                 "/validation": "validation"}.get(path)
        if table:
            return self.ok(FIXTURES[table])
        return self.error(404, "not_found", f"No route GET {url.path}.")

    def pack(self, user, q):
        """GET /api/v1/pack in the real server's terms (docs/governance.md): a
        role with aggregate figures gets a PDF, published (small counts
        withheld) unless it also has the unpublished reports; other roles 403."""
        if "aggregate" not in user["capabilities"]:
            return self.error(403, "forbidden", "Your role may not read the quarterly pack.")
        quarter = q.get("quarter", "")
        if not QUARTER.match(quarter):
            return self.error(400, "invalid", "give quarter=YYYYQn (2009Q4)", "quarter")
        published = q.get("publish") == "1" or "reports" not in user["capabilities"]
        subject = ("Published: figures of 1 to 5 withheld (shown as c), with any that would "
                   "give them away" if published else
                   "For the Strategy Group and the Corporate Parenting Panel: small counts "
                   "shown, not for publication")
        body = small_pdf(f"The Pledge: quarterly pack {quarter}", subject,
                         [f"Quarterly pack {quarter}: the promises", "Profile and scorecard"])
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        url = urlsplit(self.path)
        if url.path == "/api/v1/session":
            try:
                b = self.body_json()
            except ValueError:
                return self.error(400, "bad_json", "The body is not valid JSON.")
            u = FIXTURES["users"].get(b.get("username", ""))
            if not u or u["password"] != b.get("password"):
                return self.error(401, "bad_credentials", "The username or password is wrong.")
            token, csrf = secrets.token_hex(16), secrets.token_hex(16)
            SESSIONS[token] = {"user": b["username"], "csrf": csrf}
            return self.send_json(200, {"data": {"user": b["username"], "role": u["role"],
                                                 "capabilities": u["capabilities"], "csrf": csrf},
                                        "meta": {"commit": 1}},
                                  cookie=f"cp_session={token}; HttpOnly; SameSite=Strict; Path=/")
        s = self.session()
        if not s:
            return self.error(401, "unauthenticated", "Sign in first.")
        if self.headers.get("X-CSRF-Token") != s["csrf"]:
            return self.error(403, "csrf", "The request's CSRF token does not match the session.")
        m = re.fullmatch(r"/api/v1/children/([^/]+)/records", url.path)
        if m:
            b = self.body_json()
            if not DATE.match(b.get("date", "")):
                return self.error(422, "invalid", "The date must be a date (YYYY-MM-DD).", "date")
            RECORDED.append((m.group(1), ITEM_OF_KIND.get(b["kind"], b["kind"])))
            return self.send_json(201, {"data": dict(b, child=m.group(1)), "meta": {"commit": 2}})
        if url.path == "/api/v1/imports":
            n = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(n)
            files = re.findall(rb'filename="([^"]+)"', raw)
            return self.ok({"files": len(files), "bytes": n, "year": "2009/10",
                            "tables": [{"file": f.decode(), "rows": 1} for f in files]})
        return self.error(404, "not_found", f"No route POST {url.path}.")

    def do_DELETE(self):
        if urlsplit(self.path).path == "/api/v1/session":
            return self.send_json(200, {"data": None, "meta": {}},
                                  cookie="cp_session=; Max-Age=0; Path=/")
        return self.error(404, "not_found", "No such route.")


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8099
    http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
