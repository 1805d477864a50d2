"""Load benchmark: many askers at once against a real `clerk serve` on loopback, with an upload and a
delete in the middle of the load.

Checks: no errors, every concurrent answer equal to the sequential answer of the same question, and the
store consistent afterwards (every listed paper holds the chunks its record promises). Prints p50/p95.
Run: .venv/bin/python bench/load.py [--asks 200] [--concurrency 50] [--corpus ../shared/corpus/seed
     --questions ../shared/eval/dev.jsonl]
Only 127.0.0.1 is ever contacted; the run is bounded in requests and time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
CLERK = Path(sys.executable).with_name("clerk")
QUESTIONS = [
    "How much will the capital works for the library hubs cost?",
    "Who is leading the library opening hours consultation?",
    "What did Cabinet decide about the library service?",
    "When will the new opening hours start?",
    "How many libraries will stay open?",
    "What is the timetable for opening Staying Close properties?",
    "How much did the DfE give for the Staying Close pilot?",
    "What did inspectors say about care leavers?",
]
UPLOAD = (b"Load Test Note\n\n1.1 The council will review its parking charges in the autumn of 2025, "
          b"and will report the outcome to Cabinet in December 2025.\n")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def answer_key(body: dict) -> tuple:
    return body["answer"], tuple(c["chunk_id"] for c in body["citations"]), body["supported"]


async def ask(client: httpx.AsyncClient, question: str) -> tuple[int, float, tuple | None]:
    started = time.perf_counter()
    try:
        response = await client.post("/api/ask", json={"question": question}, timeout=120)
    except httpx.HTTPError as exc:
        print(f"  transport error: {exc!r}")
        return -1, time.perf_counter() - started, None
    elapsed = time.perf_counter() - started
    return response.status_code, elapsed, answer_key(response.json()) if response.status_code == 200 else None


async def run(base: str, asks: int, concurrency: int, questions: list[str]) -> dict:
    async with httpx.AsyncClient(base_url=base) as client:
        sequential = {}
        for q in questions:
            status, _, key = await ask(client, q)
            assert status == 200, f"sequential ask failed with {status}"
            sequential[q] = key
        gate = asyncio.Semaphore(concurrency)

        async def one(i: int) -> tuple[str, int, float, tuple | None]:
            async with gate:
                q = questions[i % len(questions)]
                return (q, *await ask(client, q))

        async def change_papers() -> list[int]:
            await asyncio.sleep(1.0)  # in the thick of the load
            up = await client.post("/api/documents", files=[("files", ("load-note.txt", UPLOAD, "text/plain"))],
                                   timeout=300)
            doc = up.json()[0]["document_id"] if up.status_code == 200 else ""
            await asyncio.sleep(0.5)
            gone = await client.delete(f"/api/documents/{doc}", timeout=300) if doc else None
            return [up.status_code, gone.status_code if gone is not None else -1]

        started = time.perf_counter()
        results, changes = await asyncio.gather(asyncio.gather(*(one(i) for i in range(asks))), change_papers())
        wall = time.perf_counter() - started
        docs = (await client.get("/api/documents")).json()
    latencies = sorted(r[2] for r in results)
    return {
        "asks": asks, "concurrency": concurrency, "wall_s": round(wall, 1),
        "errors": sum(1 for r in results if r[1] != 200),
        "differing_from_sequential": sum(1 for q, s, _, key in results if s == 200 and key != sequential[q]),
        "p50_ms": round(statistics.median(latencies) * 1000),
        "p95_ms": round(latencies[int(0.95 * len(latencies)) - 1] * 1000),
        "upload_and_delete_status": changes, "documents_after": len(docs),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--asks", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--corpus", type=Path, default=ROOT / "examples" / "papers")
    parser.add_argument("--questions", type=Path, help="JSONL with a 'question' per line (default: a built-in few)")
    args = parser.parse_args()
    questions = QUESTIONS
    if args.questions:
        questions = [json.loads(line)["question"] for line in args.questions.read_text().splitlines() if line.strip()]
    data = Path(tempfile.mkdtemp(prefix="clerk-load-"))
    env = {**os.environ, "CLERK_DATA_DIR": str(data)}
    subprocess.run([str(CLERK), "ingest", str(args.corpus)], env=env, check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    server = subprocess.Popen([str(CLERK), "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        outcome = asyncio.run(run(base, args.asks, args.concurrency, questions))
    finally:
        server.terminate()
        server.wait(timeout=30)
    sys.path.insert(0, str(ROOT))
    import clerk.settings  # noqa: F401  (offline environment)
    from clerk.settings import Settings
    from clerk.wiring import build_store

    store = build_store(Settings(data_dir=data))
    outcome["store_consistent"] = all(store.stored_chunk_count(d.document_id) == d.chunks
                                      for d in store.list_documents())
    outcome["machine"] = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(json.dumps(outcome, indent=2))


if __name__ == "__main__":
    main()
