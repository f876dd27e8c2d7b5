#!/usr/bin/env python3
"""Expected values from the IAMFlow reference (github Eddie0521/IAMFlow) for seeded random inputs.

Run by hand against a checkout of the reference; CI only reads the JSON it writes:

    python3 scripts/reference-fixtures.py /path/to/IAMFlow > src/memory/iamflow/__fixtures__/reference.json

It imports the reference's own modules: `iamflow/utils/transition_scheduler.py` as it is, and
`iamflow/agents/memory_bank.py` with a small numpy stand-in for the few torch calls it makes (torch is not needed).
Only the archive schedule lives in the pipeline class, which needs torch, vLLM and the models to import; it is
re-stated below from agent_causal_inference.py (lines cited there).
"""

import importlib.util
import json
import os
import random
import sys
import tempfile
import types

import numpy as np


# ---- a numpy stand-in for the torch calls memory_bank.py makes --------------------------------------------------
class Tensor(np.ndarray):
    def to(self, device=None, dtype=None):
        return self

    @property
    def device(self):
        return "cpu"

    def mean(self, dim=None, **kwargs):
        return np.asarray(np.asarray(self).mean(axis=dim)).view(Tensor)

    def item(self):
        return float(np.asarray(self))


def _t(value, dtype=np.float64):
    return np.asarray(value, dtype=dtype).view(Tensor)


torch = types.ModuleType("torch")
torch.Tensor = Tensor
torch.device = str
torch.dtype = type
torch.ones = lambda *shape, **kw: _t(np.ones(shape), np.float32)
torch.zeros = lambda *shape, **kw: _t(np.zeros(shape), np.float32)
torch.ones_like = lambda x: _t(np.ones_like(x))
torch.full = lambda shape, value, **kw: _t(np.full(shape, value))
torch.tensor = lambda value, **kw: _t(value, np.float32)
torch.clamp = lambda x, min=None: _t(np.maximum(x, min), np.float32)
torch.where = lambda mask, a, b: _t(np.where(mask, a, b), np.float32)
torch.einsum = lambda eq, *ops: _t(np.einsum(eq, *[np.asarray(o) for o in ops]))
sys.modules["torch"] = torch


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


root = sys.argv[1] if len(sys.argv) > 1 else "."
agents = os.path.join(root, "iamflow", "agents")
sys.path.insert(0, agents)  # memory_bank falls back to `from llm_agent import EntityStruct`
llm_agent = load(os.path.join(agents, "llm_agent.py"), "llm_agent")
memory_bank = load(os.path.join(agents, "memory_bank.py"), "memory_bank")
schedulers = load(os.path.join(root, "iamflow", "utils", "transition_scheduler.py"), "transition_scheduler")
EntityStruct = llm_agent.EntityStruct
MemoryBank = memory_bank.MemoryBank
FrameInfo = memory_bank.FrameInfo
save_dir = tempfile.mkdtemp()
rng = random.Random(20261130)

WORDS = "the old woman man girl boy in a red blue green coat hat scarf with long hair walks talks on pier street".split()
CAMERA = ["", ", the camera pans left", ", close-up shot", ". Wide shot, slow zoom"]


def random_prompt():
    words = [rng.choice(WORDS) for _ in range(rng.randint(4, 40))]
    return "In a park, " + " ".join(words) + rng.choice(CAMERA) + "."


def runs(values):
    """Run-length form [[value, count], ...] keeps 512-slot weight lists small."""
    out = []
    for value in (float(v) for v in values):
        if out and out[-1][0] == value:
            out[-1][1] += 1
        else:
            out.append([value, 1])
    return out


def token_weights_cases():
    cases = []
    for _ in range(60):
        text = random_prompt() if rng.random() > 0.05 else ""
        entities = []
        for _ in range(rng.choice([0, 1, 1, 2, 3])):
            words = text.split()
            if words and rng.random() < 0.8:
                start = rng.randrange(len(words))
                mention = " ".join(words[start : start + rng.randint(1, 3)])
            else:
                mention = "nobody here"
            attrs = [rng.choice(["red coat", "long hair", "blue hat", "purple shoes"]) for _ in range(rng.randint(0, 2))]
            entities.append({"mention": mention, "attrs": attrs})
        for slots in [512, rng.randint(1, 60)]:
            bank = MemoryBank(save_dir=save_dir)
            structs = [EntityStruct(entity=e["mention"], attrs=e["attrs"]) for e in entities]
            weights = bank._build_entity_token_weights(structs, slots, text)
            cases.append({"text": text, "entities": entities, "slots": slots, "weights": runs(weights)})
    return cases


def prompt_weights_cases():
    return [
        {"slots": n, "weights": runs(MemoryBank(save_dir=save_dir)._build_prompt_token_weights(n))}
        for n in [1, 4, 5, 12, 13, 25, 77, 512]
    ]


def frame_score_cases():
    cases = []
    for _ in range(40):
        d = rng.choice([2, 4, 8])
        tokens = rng.randint(1, 12)
        slots = rng.choice([tokens, 32])
        per_frame = rng.randint(1, 4)
        frames = 3
        queries = [[rng.gauss(0, 1) for _ in range(d)] for _ in range(tokens)]
        keys = [[[rng.gauss(0, 1) for _ in range(d)] for _ in range(per_frame)] for _ in range(frames)]
        weights = [rng.choice([0.5, 0.7, 1.0, 1.5, 2.5]) for _ in range(slots)]
        text_k = np.zeros((1, slots, 1, d))  # padding slots carry no key here
        text_k[0, :tokens, 0, :] = queries
        chunk_k = np.asarray(keys).reshape(1, frames * per_frame, 1, d)
        bank = MemoryBank(save_dir=save_dir, frame_seq_length=per_frame)
        scores = bank._compute_frame_scores_fast(
            {"k": _t(chunk_k)}, {"k": _t(text_k)}, _t(np.asarray(weights, dtype=np.float32))
        )
        cases.append({"queries": queries, "weights": weights, "keys": keys, "scores": [float(s) for s in scores]})
    return cases


def fuse_cases():
    cases = []
    for _ in range(30):
        text = [rng.choice([rng.gauss(0, 1), 1.0]) for _ in range(3)]
        visual = None if rng.random() < 0.2 else {i: rng.random() for i in range(3) if rng.random() < 0.8}
        fused = MemoryBank(save_dir=save_dir)._fuse_scores(_t(text), visual, 3, 0.3)
        cases.append({
            "text": text,
            "visual": None if visual is None else [visual.get(i) for i in range(3)],
            "fused": [float(x) for x in fused],
        })
    return cases


def random_archive(count, ids):
    archive = {}
    for index in range(count):
        fid = f"p1_c{index + 1}_f{rng.randrange(3)}"
        covered = sorted(rng.sample(ids, rng.randint(0, min(3, len(ids)))))
        archive[fid] = FrameInfo(
            frame_id=fid, frame_path="", prompt_id=1, associated_entities=[str(i) for i in covered],
            score=rng.choice([0.2, 0.5, 0.9, rng.random()]), entity_score=rng.choice([0.1, 0.5, 1.0, rng.random()]),
        )
    return archive


def archive_json(archive):
    return [
        {"id": fid, "entities": [int(e) for e in fi.associated_entities], "entityScore": fi.entity_score, "score": fi.score}
        for fid, fi in archive.items()
    ]


def cover_cases():
    cases = []
    for _ in range(80):
        ids = list(range(1, 7))
        archive = random_archive(rng.randint(0, 9), ids)
        wanted = sorted(rng.sample(ids, rng.randint(0, 4)))
        mode = rng.choice(["dynamic", "dynamic", "fixed"])
        bank = MemoryBank(save_dir=save_dir, memory_allocation_mode=mode)
        bank.frame_archive = dict(archive)
        selected = bank.retrieve_initial_frames(wanted)
        cases.append({"archive": archive_json(archive), "ids": wanted, "budget": mode, "memory": list(selected)})
    return cases


def update_cases(selection):
    cases = []
    for _ in range(40):
        bank = MemoryBank(save_dir=save_dir, selection_mode=selection)
        steps = []
        fids = []
        for step in range(rng.randint(1, 12)):
            if fids and rng.random() < 0.25:
                fid = rng.choice(fids)  # archived again (a segment's first chunks are, with the same scores)
                info = bank.frame_archive[fid]
            else:
                fid = f"p1_c{step + 1}_f0"
                info = FrameInfo(frame_id=fid, frame_path="", prompt_id=1, associated_entities=["1"],
                                 score=rng.choice([0.5, rng.random()]), entity_score=rng.choice([0.5, rng.random()]))
                bank.frame_archive[fid] = info
                fids.append(fid)
            if selection == "entity":
                bank.update_id_memory(fid, info.entity_score)
                memory = list(bank.id_memory)
            else:
                bank.update_active_memory(fid, info.entity_score)
                memory = list(bank.active_memory)
            steps.append({"id": fid, "entityScore": info.entity_score, "score": info.score, "memory": memory})
        cases.append({"steps": steps})
    return cases


def prompt_retrieve_cases():
    cases = []
    for _ in range(20):
        bank = MemoryBank(save_dir=save_dir, selection_mode="prompt")
        archive = {}
        for _ in range(rng.randint(1, 8)):
            fid = f"p{rng.randint(1, 3)}_c{rng.randint(1, 12)}_f{rng.randrange(3)}"
            archive[fid] = FrameInfo(frame_id=fid, frame_path="", prompt_id=1, associated_entities=[],
                                     score=rng.choice([0.5, 0.85, rng.random()]))
        bank.frame_archive = archive
        cases.append({"archive": [{"id": k, "score": v.score} for k, v in archive.items()],
                      "memory": bank.retrieve_initial_frames([1])})
    return cases


def transition_cases():
    cases = []
    for curve in ["linear", "cosine", "sigmoid", "step"]:
        fixed = schedulers.create_scheduler(scheduler_type=curve)
        cases.append({"curve": curve, "adaptive": False, "distance": None, "window": fixed.window_frames,
                      "alphas": [fixed.get_alpha(f) for f in range(0, 30, 3)]})
        for _ in range(6):
            distance = rng.choice([0.0, 1.0, rng.random(), rng.uniform(-0.2, 1.2)])
            adaptive = schedulers.AdaptiveScheduler(base_scheduler_type=curve)
            adaptive.update_for_switch(distance)
            cases.append({"curve": curve, "adaptive": True, "distance": distance, "window": adaptive.window_frames,
                          "alphas": [adaptive.get_alpha(f) for f in range(0, 30, 3)]})
    return cases


def archive_schedule_cases():
    """agent_causal_inference.py:466-513 (per chunk), 1047-1062 (the current chunk; the sink is skipped),
    1104-1133 (the chunk `lag` back), 921-925 (the chunk count restarts per prompt)."""
    cases = []
    for _ in range(12):
        segments = [(rng.randint(1, 15), rng.random() < 0.75) for _ in range(rng.randint(1, 5))]
        archived = []
        global_chunk = 0
        for segment, (chunks, has_entities) in enumerate(segments):
            current_chunk_id = 0  # line 925
            for _ in range(chunks):
                current_chunk_id += 1  # line 466
                did_eviction = False
                if current_chunk_id >= 3 + 1 and has_entities:  # lines 469-470
                    archived.append({"chunk": global_chunk, "source": global_chunk - 3, "via": "evicted"})
                    did_eviction = True
                if not did_eviction and current_chunk_id >= 1 and has_entities:  # lines 504-508
                    if global_chunk > 0:  # lines 1057-1062: chunk_end <= chunk_start for the sink
                        archived.append({"chunk": global_chunk, "source": global_chunk, "via": "current"})
                global_chunk += 1
        cases.append({"segments": [{"chunks": c, "hasEntities": e} for c, e in segments], "archived": archived})
    return cases


out = sys.stdout
sys.stdout = sys.stderr  # the reference prints progress lines
out.write(json.dumps({
    "source": "github.com/Eddie0521/IAMFlow",
    "tokenWeights": token_weights_cases(),
    "promptWeights": prompt_weights_cases(),
    "frameScores": frame_score_cases(),
    "fuse": fuse_cases(),
    "cover": cover_cases(),
    "idMemoryUpdates": update_cases("entity"),
    "promptMemoryUpdates": update_cases("prompt"),
    "promptRetrieve": prompt_retrieve_cases(),
    "transitions": transition_cases(),
    "archiveSchedule": archive_schedule_cases(),
}) + "\n")
