"""Serve a built site on 127.0.0.1 under a sub-path, the way GitHub Pages
serves a project site (unknown paths get 404.html with status 404).

Used by the tests and by scripts/lighthouse.py.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import sys
import threading
from contextlib import contextmanager
from pathlib import Path


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    base_path = "/"
    # Browsers refuse ES modules served as octet-stream; GitHub Pages sends
    # .mjs as JavaScript, and so does this server.
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".mjs": "text/javascript", ".js": "text/javascript"}

    def translate_path(self, path: str) -> str:
        if path.startswith(self.base_path):
            path = "/" + path[len(self.base_path):]
        else:
            path = "/__outside_the_site__"
        return super().translate_path(path)

    # Text compressed with gzip, as GitHub Pages serves it: Lighthouse then
    # measures the transfer a reader actually gets.
    COMPRESSIBLE = ("text/", "application/json", "application/xml", "image/svg+xml")

    def send_head(self):
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's URL
            path = os.path.join(path, "index.html")
        ctype = self.guess_type(path)
        if not os.path.isfile(path) or not ctype.startswith(self.COMPRESSIBLE):
            return super().send_head()
        with open(path, "rb") as file:
            body = gzip.compress(file.read(), 6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, *args) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A browser that closes a connection mid-response (a tab closed
        # while a download runs) is not an error of the site.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(site_dir: Path, base_path: str, port: int = 0):
    """Yield the base URL of `site_dir` served at http://127.0.0.1:<port><base_path>."""
    handler = functools.partial(type("Handler", (SubPathHandler,), {"base_path": base_path}),
                                directory=str(site_dir))
    httpd = _Server(("127.0.0.1", port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{base_path}"
    finally:
        httpd.shutdown()
        httpd.server_close()
