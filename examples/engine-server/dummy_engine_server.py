#!/usr/bin/env python3
"""A minimal iamflow engine protocol server (iamflow-engine/1), Python standard library only.

It serves a dummy engine that passes `iamflow engine check`. To plug in a real causal video model
(a Wan2.1-class Self-Forcing / LongLive model in PyTorch), replace the bodies of the `DummyEngine`
methods; the HTTP layer below them stays as it is. See docs/engine-protocol.md.

    python3 examples/engine-server/dummy_engine_server.py --port 7871 [--token T]
    iamflow engine check http://127.0.0.1:7871
"""
import argparse
import base64
import hashlib
import hmac
import json
import math
import re
import struct
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PROTOCOL = "iamflow-engine/1"
MAX_BODY = 1024 * 1024


class EngineError(Exception):
    """A call the client got wrong: answered 409 with this code (e.g. unknown-frame-id, bank-overflow)."""

    def __init__(self, code, message, hint=None, status=409):
        super().__init__(message)
        self.code, self.message, self.hint, self.status = code, message, hint, status


def vector(values):
    """float32 little-endian, base64: exact and compact (a JSON number list is accepted too)."""
    return base64.b64encode(struct.pack("<%df" % len(values), *values)).decode("ascii")


def unit_vector(text, dimension):
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    values = [digest[i % len(digest)] / 127.5 - 1.0 for i in range(dimension)]
    norm = math.sqrt(sum(v * v for v in values)) or 1.0
    return [v / norm for v in values]


class DummyEngine:
    """One session's engine. A real engine holds its KV cache (sink | bank | local window) here."""

    def __init__(self, width=480, height=270, seed=1, fps=16, steps=4, options=None):
        self.info = {
            "width": width, "height": height, "fps": fps, "videoFramesPerLatent": 4, "chunkFrames": 3,
            "sinkFrames": 3, "localFrames": 9, "bankCapacity": 6,
            "denoisingSteps": [1000 - i * (1000 // steps) for i in range(steps)], "keyDimension": 16,
        }
        self.seed = seed
        self.generated = 0  # latent frames generated so far
        self.store = {}  # id -> latent frame (a real engine: that frame's keys/values)
        self.bank = []
        self.costs = dict(generatedFrames=0, denoisingPasses=0, contextPasses=0, recachedFrames=0,
                          attentionOps=0, decodedFrames=0)

    def encode_prompt(self, text):
        # Real engine: run the text encoder (umT5), keep the embeddings server-side under the returned id.
        dim = self.info["keyDimension"]
        tokens = [{"text": m.group(0), "start": m.start(), "end": m.end(), "key": unit_vector(m.group(0).lower(), dim)}
                  for m in re.finditer(r"[A-Za-z0-9']+", text)]
        mean = [sum(t["key"][i] for t in tokens) for i in range(dim)] if tokens else unit_vector(text, dim)
        norm = math.sqrt(sum(v * v for v in mean)) or 1.0
        return {"id": "p-" + hashlib.sha256(text.encode()).hexdigest()[:16], "text": text, "tokens": tokens,
                "embedding": [v / norm for v in mean]}

    def generate_chunk(self, prompt, blend=None):
        # Real engine: denoise chunkFrames latent frames over the context, then one context pass at t=0.
        chunk_frames = self.info["chunkFrames"]
        start = self.generated
        context = min(start, self.info["sinkFrames"]) + len(self.bank) + min(start, self.info["localFrames"])
        self.generated += chunk_frames
        self.costs["generatedFrames"] += chunk_frames
        self.costs["denoisingPasses"] += len(self.info["denoisingSteps"])
        self.costs["contextPasses"] += 1
        self.costs["attentionOps"] += chunk_frames * (context + chunk_frames)
        dim = self.info["keyDimension"]
        frames = [{"frame": f, "keys": [unit_vector("%d:%d:%s" % (self.seed, f, prompt["text"]), dim)]}
                  for f in range(start, start + chunk_frames)]
        return {"chunk": start // chunk_frames, "startFrame": start, "frames": frames}

    def recache(self, prompt):
        # Real engine: re-run the context pass of the last min(12, t) frames under the new prompt (LongLive).
        frames = max(0, min(12, self.generated - self.info["sinkFrames"]))
        self.costs["recachedFrames"] += frames
        self.costs["contextPasses"] += 1
        self.costs["attentionOps"] += max(1, frames) * self.info["localFrames"]

    def store_frame(self, frame, frame_id):
        if frame >= self.generated:
            raise EngineError("unknown-frame", "latent frame %d was not generated" % frame)
        self.store[frame_id] = frame

    def drop_frame(self, frame_id):
        self.store.pop(frame_id, None)

    def set_bank(self, ids):
        if len(ids) > self.info["bankCapacity"]:
            raise EngineError("bank-overflow", "the bank holds at most %d frames, got %d"
                              % (self.info["bankCapacity"], len(ids)))
        missing = [i for i in ids if i not in self.store]
        if missing:
            raise EngineError("unknown-frame-id", "no stored frame has id " + ", ".join(missing),
                              "store the frame first")
        self.bank = list(ids)

    def decode_chunk(self, chunk):
        # Real engine: VAE-decode the chunk's latents; return uint8 RGB frames (e.g. tensor.permute(..).numpy().tobytes()).
        chunk_frames = self.info["chunkFrames"]
        if chunk < 0 or chunk >= self.generated // chunk_frames:
            raise EngineError("unknown-chunk", "chunk %d was not generated" % chunk, "generate it first")
        w, h, n = self.info["width"], self.info["height"], chunk_frames * self.info["videoFramesPerLatent"]
        frames = [bytes(((chunk * 40 + i * 8) % 256, (self.seed * 13) % 256, 128)) * (w * h) for i in range(n)]
        self.costs["decodedFrames"] += n
        return frames

    def release(self):
        self.store.clear()  # real engine: free the KV cache (torch.cuda.empty_cache())


class Sessions:
    def __init__(self, max_sessions=4):
        self.engines, self.locks, self.prompts, self.next_chunk = {}, {}, {}, {}
        self.max_sessions, self.lock = max_sessions, threading.Lock()

    def open(self, settings):
        with self.lock:
            if len(self.engines) >= self.max_sessions:
                raise EngineError("too-many-sessions", "this server holds at most %d sessions" % self.max_sessions,
                                  "release a session", 429)
            sid = uuid.uuid4().hex[:12]
            kwargs = {k: settings[k] for k in ("width", "height", "seed", "fps", "steps", "options") if k in settings}
            self.engines[sid], self.locks[sid] = DummyEngine(**kwargs), threading.Lock()
            self.prompts[sid], self.next_chunk[sid] = {}, 0
            return sid

    def get(self, sid):
        if sid not in self.engines:
            raise EngineError("unknown-session", "no open session " + sid, "open one with POST /v1/sessions", 404)
        return self.engines[sid]

    def close(self, sid):
        engine = self.get(sid)
        with self.locks[sid]:
            engine.release()
        with self.lock:
            for table in (self.engines, self.locks, self.prompts, self.next_chunk):
                table.pop(sid, None)


def wire_prompt(prompt):
    return {"id": prompt["id"], "text": prompt["text"], "embedding": vector(prompt["embedding"]),
            "tokens": [dict(t, key=vector(t["key"])) for t in prompt["tokens"]]}


def describe(sessions, sid):
    engine = sessions.engines[sid]
    return {"session": sid, "protocol": PROTOCOL, "provider": "python-dummy", "modelId": "dummy-v1",
            "info": engine.info, "abilities": {"renderRecord": False, "storeBytes": False, "encodeImage": False, "imageToVideo": False}, "costs": engine.costs}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: one connection serves a whole run
    sessions = None
    token = None

    def log_message(self, *args):
        pass

    def send(self, status, body, headers=None, content_type="application/json"):
        data = body if isinstance(body, (bytes, bytearray)) else json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        try:
            return json.loads(self.raw or b"{}")
        except ValueError:
            raise EngineError("invalid-json", "the request body is not JSON", "send application/json", 400)

    def apply_before(self, engine, ops):
        """State calls the client deferred to this generate/recache: apply them in order, first."""
        for index, op in enumerate(ops or []):
            try:
                if op["op"] == "store":
                    engine.store_frame(int(op["frame"]), op["id"])
                elif op["op"] == "drop":
                    engine.drop_frame(op["id"])
                else:
                    engine.set_bank(op["ids"])
            except EngineError as error:
                raise EngineError(error.code, "before[%d] %s: %s" % (index, op["op"], error.message), error.hint)

    def prompt(self, sid, reference):
        known = self.sessions.prompts[sid].get(reference["id"])
        if known is None:  # a prompt this session never encoded: encode its text
            known = self.sessions.get(sid).encode_prompt(reference["text"])
            self.sessions.prompts[sid][known["id"]] = known
        return known

    def route(self, method):
        path = self.path.split("?")[0].rstrip("/")
        if path == "/v1/health" and method == "GET":
            return self.send(200, {"protocol": PROTOCOL, "sessions": len(self.sessions.engines)})
        if self.token is not None:
            given = (self.headers.get("authorization") or "")[len("Bearer "):]
            if not hmac.compare_digest(given.encode(), self.token.encode()):
                raise EngineError("unauthorized", "missing or wrong bearer token", "send Authorization: Bearer TOKEN", 401)
        if path == "/v1/sessions" and method == "POST":
            return self.send(201, describe(self.sessions, self.sessions.open(self.body())))
        match = re.fullmatch(r"/v1/sessions/([^/]+)(/.*)?", path)
        if not match:
            raise EngineError("unknown-route", "no route %s %s" % (method, path), None, 404)
        sid, rest = match.group(1), match.group(2) or ""
        engine = self.sessions.get(sid)
        if rest == "" and method == "DELETE":
            self.sessions.close(sid)
            return self.send(200, {"released": True})
        with self.sessions.locks[sid]:  # one call at a time per session
            if rest == "" and method == "GET":
                return self.send(200, describe(self.sessions, sid))
            if rest == "/costs" and method == "GET":
                return self.send(200, {"costs": engine.costs})
            if rest == "/prompts" and method == "POST":
                prompt = engine.encode_prompt(self.body()["text"])
                self.sessions.prompts[sid][prompt["id"]] = prompt
                return self.send(200, {"prompt": wire_prompt(prompt), "costs": engine.costs})
            if rest == "/chunks" and method == "POST":
                body = self.body()
                expected = self.sessions.next_chunk[sid]
                if body.get("chunk", expected) != expected:
                    raise EngineError("chunk-mismatch", "asked for chunk %s, the next chunk is %d" % (body["chunk"], expected))
                if body.get("startImage") is not None:  # an image-to-video engine decodes it as rgb24 (see docs)
                    raise EngineError("unsupported", "this engine cannot start a video from an image",
                                      "check abilities.imageToVideo of the session", 400)
                self.apply_before(engine, body.get("before"))
                blend = body.get("blend")
                if blend:
                    blend = {"from": self.prompt(sid, blend["from"]), "alpha": blend["alpha"]}
                out = engine.generate_chunk(self.prompt(sid, body["prompt"]), blend)
                self.sessions.next_chunk[sid] = out["chunk"] + 1
                out["frames"] = [{"frame": f["frame"], "keys": [vector(k) for k in f["keys"]]} for f in out["frames"]]
                return self.send(200, dict(out, costs=engine.costs))
            if rest == "/recache" and method == "POST":
                body = self.body()
                self.apply_before(engine, body.get("before"))
                engine.recache(self.prompt(sid, body["prompt"]))
                return self.send(200, {"costs": engine.costs})
            if rest == "/bank" and method == "PUT":
                engine.set_bank(self.body()["ids"])
                return self.send(200, {"costs": engine.costs})
            store = re.fullmatch(r"/store/([^/]+)", rest)
            if store and method in ("PUT", "DELETE"):
                from urllib.parse import unquote
                frame_id = unquote(store.group(1))
                if method == "PUT":
                    engine.store_frame(int(self.body()["frame"]), frame_id)
                else:
                    engine.drop_frame(frame_id)
                return self.send(200, {"costs": engine.costs})
            frames = re.fullmatch(r"/chunks/(\d+)/frames", rest)
            if frames and method == "GET":
                data = engine.decode_chunk(int(frames.group(1)))
                info = engine.info
                return self.send(200, b"".join(data), {
                    "iamflow-frame-width": str(info["width"]), "iamflow-frame-height": str(info["height"]),
                    "iamflow-frame-count": str(len(data)), "iamflow-pixel-format": "rgb24",
                    "iamflow-costs": json.dumps(engine.costs)}, "application/octet-stream")
        raise EngineError("unknown-route", "no route %s %s" % (method, path), None, 404)

    def handle_any(self, method):
        try:
            # Read the whole body first, even for a refused call: an unread body would corrupt the next request
            # on this keep-alive connection.
            length = int(self.headers.get("content-length") or 0)
            if length > MAX_BODY:
                self.close_connection = True
                raise EngineError("body-too-large", "the request body is too large", None, 413)
            self.raw = self.rfile.read(length) if length > 0 else b""
            self.route(method)
        except EngineError as error:
            detail = {"code": error.code, "message": error.message}
            if error.hint:
                detail["hint"] = error.hint
            self.send(error.status, {"error": detail})
        except (KeyError, TypeError, ValueError) as error:
            self.send(400, {"error": {"code": "invalid-request", "message": "bad request: %r" % (error,)}})
        except Exception as error:  # the engine itself failed
            self.send(500, {"error": {"code": "engine-failed", "message": str(error)}})

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_PUT(self):
        self.handle_any("PUT")

    def do_DELETE(self):
        self.handle_any("DELETE")


def main():
    parser = argparse.ArgumentParser(description="iamflow engine protocol server (dummy engine)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7871)
    parser.add_argument("--token", default=None)
    args = parser.parse_args()
    Handler.sessions, Handler.token = Sessions(), args.token
    server = ThreadingHTTPServer((args.host, args.port), Handler)
    print("http://%s:%d" % (args.host, server.server_address[1]), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
