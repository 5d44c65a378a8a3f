#!/usr/bin/env python3
"""A local stand-in for the WeChat API for bench/replicas.sh (python3 stdlib only, loopback only).

usage: python3 bench/wechat-standin.py PORT

Each replica points jifen.wechat.api-base-url at http://127.0.0.1:PORT/<replica> (e.g. /A, /B): the first path
segment names the replica, so every call is counted per replica. Tokens behave as WeChat's (see STACK-NOTES):
GET /cgi-bin/token makes a new token on every call and ends the app's previous one; POST /cgi-bin/stable_token
hands every caller the app's current stable token while it is valid (a new one, ending the old, with
force_refresh: true); a call with an ended or unknown token is answered errcode 40001. Mini-program logins:
GET /sns/jscode2session?js_code=good-<openid> answers that openid. Subscribe messages (send, bizsend) are
recorded, each after a short delay (SEND_DELAY_MS, default 20) so that two senders overlap.
GET /_stats answers everything counted as JSON.
"""
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

APPS = {"wx-mini-app": "mini-secret", "wx-mp-app": "app-secret"}
SEND_DELAY = int(os.environ.get("SEND_DELAY_MS", "20")) / 1000.0

lock = threading.Lock()
seq = [0]
plain = {}    # appid -> latest /cgi-bin/token token
stable = {}   # appid -> current stable token
stats = {"calls": {}, "invalid_token": {}, "forced": 0, "deliveries": []}


def count(kind, replica, path):
    key = f"{replica} {path}"
    stats[kind][key] = stats[kind].get(key, 0) + 1


def new_token(appid):
    seq[0] += 1
    return f"standin-{appid}-{seq[0]}"


def token(appid, secret, tokens, renew):
    if APPS.get(appid) != secret:
        return {"errcode": 40125, "errmsg": "invalid appsecret"}
    if renew or appid not in tokens:
        tokens[appid] = new_token(appid)
    return {"access_token": tokens[appid], "expires_in": 7200}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, obj, status=200):
        body = json.dumps(obj, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def route(self, method):
        url = urlparse(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        parts = url.path.split("/", 2)  # '', replica, rest
        if url.path == "/_stats":
            with lock:
                return self.answer(stats)
        if len(parts) < 3:
            return self.answer({"errcode": 40066, "errmsg": "invalid url"}, 404)
        replica, path = parts[1], "/" + parts[2]
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}") if length else {}
        with lock:
            count("calls", replica, path)
            if path == "/cgi-bin/token":
                return self.answer(token(q.get("appid"), q.get("secret"), plain, True))
            if path == "/cgi-bin/stable_token" and method == "POST":
                if body.get("grant_type") != "client_credential":
                    return self.answer({"errcode": 40002, "errmsg": "invalid grant_type"})
                force = bool(body.get("force_refresh"))
                if force:
                    stats["forced"] += 1
                return self.answer(token(body.get("appid"), body.get("secret"), stable, force))
            if path in ("/sns/jscode2session", "/sns/oauth2/access_token"):
                code = q.get("js_code") or q.get("code") or ""
                if code.startswith("good-"):
                    return self.answer({"openid": code[5:], "session_key": "sk"})
                return self.answer({"errcode": 40029, "errmsg": "invalid code"})
            if path in ("/cgi-bin/message/subscribe/send", "/cgi-bin/message/subscribe/bizsend"):
                t = q.get("access_token")
                if t not in plain.values() and t not in stable.values():
                    count("invalid_token", replica, path)
                    return self.answer({"errcode": 40001, "errmsg": "invalid credential, access_token is invalid or not latest"})
        if path.startswith("/cgi-bin/message/subscribe/"):
            time.sleep(SEND_DELAY)
            with lock:
                stats["deliveries"].append({"replica": replica, "path": path, "touser": body.get("touser"),
                                            "template_id": body.get("template_id"), "data": body.get("data")})
            return self.answer({"errcode": 0, "errmsg": "ok"})
        return self.answer({"errcode": 40066, "errmsg": "invalid url"}, 404)

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.daemon_threads = True
    print(f"wechat stand-in on 127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()
